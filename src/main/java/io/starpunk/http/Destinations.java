package io.starpunk.http;

import java.net.InetAddress;

/**
 * Which addresses an outbound fetch may connect to. In production only
 * {@link #publicOnly()}; tests that fetch from stand-ins on loopback widen it.
 */
@FunctionalInterface
public interface Destinations {

	/**
	 * Whether a fetch may connect to this address.
	 * @param address an address a host name resolved to, or an IP literal
	 * @return whether it may
	 */
	boolean permits(InetAddress address);

	/**
	 * Public unicast addresses only: no private, loopback, link-local, shared, multicast,
	 * documentation or otherwise reserved range, in IPv4 or IPv6, nor one of those
	 * carried inside an IPv4-mapped, NAT64 or 6to4 address.
	 * @return the policy
	 */
	static Destinations publicOnly() {
		return PublicAddresses::isPublic;
	}

	/**
	 * Any address: for a destination the operator configured, never for a stranger's URL.
	 * @return the policy
	 */
	static Destinations anyAddress() {
		return (address) -> true;
	}

}
