package io.starpunk.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.starpunk.config.AddressRange;
import io.starpunk.config.StarpunkSettings;

/**
 * The one rule for who a request comes from. It is the connecting address, unless that is
 * one of {@code TRUSTED_PROXIES}: then {@code X-Forwarded-For} is walked from the right,
 * past the trusted proxies, to the first address that is not one. An entry that is not an
 * address literal stops the walk (the last address reached stands), so a malformed header
 * never names anyone. Tomcat's own forwarded-header handling stays off
 * ({@code server.forward-headers-strategy=none}), so this is the only rule.
 * <p>
 * {@link #key(HttpServletRequest)} is what throttles count by: an IPv4 address, or the
 * {@code /64} of an IPv6 one (the smallest block a home or a server is given, so one
 * client cannot count as millions).
 */
@Component
public class ClientAddress {

	/** The header consulted, only when the connecting address is a trusted proxy. */
	public static final String FORWARDED_FOR = "X-Forwarded-For";

	/** How many entries of the header are read at most, from the right. */
	static final int MOST_HOPS = 20;

	private static final String ATTRIBUTE = ClientAddress.class.getName();

	private final List<AddressRange> trusted;

	public ClientAddress(StarpunkSettings settings) {
		this.trusted = settings.network().ranges();
	}

	/**
	 * The client's address, decided once per request.
	 * @param request the request
	 * @return the address, or empty when the connection's own is unreadable
	 */
	public Optional<InetAddress> of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Decided decided) {
			return Optional.ofNullable(decided.address());
		}
		InetAddress decided = decide(request).orElse(null);
		request.setAttribute(ATTRIBUTE, new Decided(decided));
		return Optional.ofNullable(decided);
	}

	/**
	 * What throttles count this request's client by.
	 * @param request the request
	 * @return an IPv4 address, an IPv6 {@code /64}, or {@code "unknown"}
	 */
	public String key(HttpServletRequest request) {
		return of(request).map(ClientAddress::key).orElse("unknown");
	}

	/**
	 * What throttles count an address by: itself when IPv4, its {@code /64} when IPv6.
	 * @param address the address
	 * @return the key
	 */
	public static String key(InetAddress address) {
		if (address instanceof Inet4Address) {
			return address.getHostAddress();
		}
		return new AddressRange(address, 64).toString();
	}

	private Optional<InetAddress> decide(HttpServletRequest request) {
		Optional<InetAddress> connecting = AddressRange.literal(request.getRemoteAddr());
		if (connecting.isEmpty() || !isTrusted(connecting.get())) {
			return connecting;
		}
		InetAddress client = connecting.get();
		for (String entry : forwardedFor(request)) {
			Optional<InetAddress> hop = AddressRange.literal(entry);
			if (hop.isEmpty()) {
				break;
			}
			client = hop.get();
			if (!isTrusted(client)) {
				break;
			}
		}
		return Optional.of(client);
	}

	/** The header's entries, right-most first, at most {@link #MOST_HOPS}. */
	private static List<String> forwardedFor(HttpServletRequest request) {
		List<String> entries = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String entry : header.split(",", -1)) {
				entries.add(entry.strip());
			}
		}
		Collections.reverse(entries);
		return (entries.size() > MOST_HOPS) ? entries.subList(0, MOST_HOPS) : entries;
	}

	private boolean isTrusted(InetAddress address) {
		for (AddressRange range : this.trusted) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private record Decided(InetAddress address) {
	}

}
