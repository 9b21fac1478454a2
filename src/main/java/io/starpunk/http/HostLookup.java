package io.starpunk.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses: the system's resolver in production, anything a test
 * likes in tests. An outbound fetch asks once per connection and connects only to what it
 * answered, after checking every address.
 */
@FunctionalInterface
public interface HostLookup {

	/**
	 * The addresses of a host name.
	 * @param host a host name (never an IP literal: those are not looked up)
	 * @return its addresses
	 * @throws UnknownHostException when it has none
	 */
	InetAddress[] lookup(String host) throws UnknownHostException;

	/**
	 * The system's resolver.
	 * @return the lookup
	 */
	static HostLookup system() {
		return InetAddress::getAllByName;
	}

}
