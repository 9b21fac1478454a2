package io.starpunk.http;

import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.starpunk.config.ClockTicker;

/**
 * What a throttle remembers per client address, in a table that a flood cannot reset. An
 * entry is forgotten only by time, a fixed while after it was last written; nothing is
 * ever evicted to make room. When the table holds {@link #capacity()} addresses, an
 * address it does not know shares one entry, {@link #OVERFLOW}, with every other
 * newcomer: so ten thousand fresh addresses neither push out a locked one nor get ten
 * thousand fresh allowances, they get one between them.
 *
 * @param <V> what is remembered per address
 */
public final class AddressTable<V> {

	/** The key that newcomers share while the table is full. */
	public static final String OVERFLOW = "overflow";

	private final Cache<String, V> entries;

	private final int capacity;

	/**
	 * A table.
	 * @param forgetAfter how long after its last write an entry is forgotten
	 * @param capacity how many addresses it holds before newcomers share one entry
	 * @param clock the clock
	 */
	public AddressTable(Duration forgetAfter, int capacity, Clock clock) {
		this.capacity = capacity;
		this.entries = Caffeine.newBuilder().expireAfterWrite(forgetAfter).ticker(new ClockTicker(clock)).build();
	}

	/**
	 * What is remembered for an address, or for the newcomers when the address is not
	 * known and the table is full.
	 * @param address the address key
	 * @return the entry, or {@code null}
	 */
	public V get(String address) {
		return get(address, false);
	}

	/**
	 * What is remembered for an address; for one that may grow (see
	 * {@link #update(String, boolean, UnaryOperator)}), never the newcomers' entry.
	 * @param address the address key
	 * @param mayGrow whether the address has, or would get, its own entry in any case
	 * @return the entry, or {@code null}
	 */
	public V get(String address, boolean mayGrow) {
		return this.entries.getIfPresent(keyFor(address, mayGrow));
	}

	/**
	 * Changes what is remembered for an address.
	 * @param address the address key
	 * @param mayGrow whether the address gets its own entry even when the table is full
	 * (for requests that proved something, never for strangers)
	 * @param change from the entry ({@code null} when there is none) to the new one
	 * @return the new entry
	 */
	public V update(String address, boolean mayGrow, UnaryOperator<V> change) {
		return this.entries.asMap().compute(keyFor(address, mayGrow), (key, previous) -> change.apply(previous));
	}

	/**
	 * Forgets an address (never the newcomers' shared entry).
	 * @param address the address key
	 */
	public void forget(String address) {
		if (!OVERFLOW.equals(address)) {
			this.entries.invalidate(address);
		}
	}

	/**
	 * How many addresses the table holds before newcomers share one entry.
	 * @return the capacity
	 */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * How many entries it holds now.
	 * @return the number
	 */
	public long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	private String keyFor(String address, boolean mayGrow) {
		if (mayGrow || this.entries.getIfPresent(address) != null || this.entries.estimatedSize() < this.capacity) {
			return address;
		}
		// expired entries may still be counted; make sure before sharing
		this.entries.cleanUp();
		return (this.entries.estimatedSize() < this.capacity) ? address : OVERFLOW;
	}

}
