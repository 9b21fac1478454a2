package io.starpunk.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR range of them, as {@code TRUSTED_PROXIES} lists them
 * ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}). Text is only ever read
 * as an address literal: nothing here asks DNS.
 *
 * @param network the first address of the range
 * @param prefixLength how many leading bits an address must share with it
 */
public record AddressRange(InetAddress network, int prefixLength) {

	private static final Pattern IPV4 = Pattern
		.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]{2,45})\\](?::\\d{1,5})?");

	public AddressRange {
		int bits = network.getAddress().length * 8;
		if (prefixLength < 0 || prefixLength > bits) {
			throw new IllegalArgumentException("a prefix length must be between 0 and " + bits);
		}
		network = masked(network, prefixLength);
	}

	/**
	 * Reads {@code address} or {@code address/prefix}.
	 * @param text the text
	 * @return the range
	 * @throws IllegalArgumentException when it is neither
	 */
	public static AddressRange parse(String text) {
		String value = (text != null) ? text.strip() : "";
		int slash = value.indexOf('/');
		String address = (slash < 0) ? value : value.substring(0, slash);
		InetAddress parsed = literal(address).filter((found) -> !address.contains("[") && !hasPort(address))
			.orElseThrow(() -> new IllegalArgumentException(
					"'" + value + "' is not an IP address or a CIDR range such as 10.0.0.0/8"));
		int bits = parsed.getAddress().length * 8;
		if (slash < 0) {
			return new AddressRange(parsed, bits);
		}
		String prefix = value.substring(slash + 1);
		if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
			throw new IllegalArgumentException(
					"'" + value + "' has a prefix length that is not a number from 0 to " + bits);
		}
		return new AddressRange(parsed, Integer.parseInt(prefix));
	}

	/**
	 * An address written as a literal, as a socket or an {@code X-Forwarded-For} entry
	 * gives it: IPv4 dotted quads (a {@code :port} allowed), IPv6 (bracketed with a port,
	 * or bare), never a host name.
	 * @param text the text
	 * @return the address, or empty when the text is not one
	 */
	public static Optional<InetAddress> literal(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String value = text.strip();
		Matcher bracketed = BRACKETED.matcher(value);
		if (bracketed.matches()) {
			value = bracketed.group(1);
		}
		Matcher ipv4 = IPV4.matcher(value);
		if (ipv4.matches()) {
			byte[] bytes = new byte[4];
			for (int i = 0; i < 4; i++) {
				int part = Integer.parseInt(ipv4.group(i + 1));
				if (part > 255) {
					return Optional.empty();
				}
				bytes[i] = (byte) part;
			}
			return address(bytes);
		}
		if (value.indexOf(':') < 0 || !IPV6.matcher(value).matches()) {
			return Optional.empty();
		}
		try {
			// a text with a colon is parsed as an IPv6 literal and never looked up
			return Optional.of(InetAddress.getByName(value));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether the address is in this range.
	 * @param address the address
	 * @return whether it is
	 */
	public boolean contains(InetAddress address) {
		return address.getAddress().length == this.network.getAddress().length
				&& masked(address, this.prefixLength).equals(this.network);
	}

	@Override
	public String toString() {
		return this.network.getHostAddress() + "/" + this.prefixLength;
	}

	private static boolean hasPort(String address) {
		return address.matches("[0-9.]+:\\d+");
	}

	private static InetAddress masked(InetAddress address, int prefixLength) {
		byte[] bytes = address.getAddress();
		for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
			bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		return address(bytes).orElseThrow();
	}

	private static Optional<InetAddress> address(byte[] bytes) {
		try {
			InetAddress address = InetAddress.getByAddress(bytes);
			return Optional.of(address);
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
