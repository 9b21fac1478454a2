package io.starpunk.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.io.DetachedSocketFactory;

/**
 * Where {@link OutboundFetch} may connect, enforced twice. The resolver looks a host up
 * once (IP literals are not looked up at all) and refuses the host when any address it
 * has is one {@link Destinations} refuses; the connection manager connects only to the
 * addresses it returned, so there is no second lookup for a rebinding name to answer
 * differently. And every socket checks the address it is about to connect to, whatever
 * path led there.
 */
final class CheckedAddresses implements DnsResolver, DetachedSocketFactory {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private final Destinations destinations;

	private final HostLookup lookup;

	CheckedAddresses(Destinations destinations, HostLookup lookup) {
		this.destinations = destinations;
		this.lookup = lookup;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = isLiteral(host) ? new InetAddress[] { InetAddress.getByName(host) }
				: this.lookup.lookup(host);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException(host);
		}
		for (InetAddress address : addresses) {
			if (!this.destinations.permits(address)) {
				throw new Refused(host + " is at " + address.getHostAddress() + ", which is not a public address");
			}
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		return host;
	}

	@Override
	public Socket create(Proxy proxy) {
		return new CheckedSocket();
	}

	private static boolean isLiteral(String host) {
		return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
	}

	/** A socket that connects only to an address the policy permits. */
	private final class CheckedSocket extends Socket {

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			InetAddress address = (endpoint instanceof InetSocketAddress inet) ? inet.getAddress() : null;
			if (address == null || !CheckedAddresses.this.destinations.permits(address)) {
				close();
				throw new Refused("Not connecting to " + endpoint + ", which is not a public address");
			}
			super.connect(endpoint, timeout);
		}

	}

	/** A host or address the policy refuses. */
	static final class Refused extends UnknownHostException {

		Refused(String message) {
			super(message);
		}

	}

}
