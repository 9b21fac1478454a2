package io.starpunk.http;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import io.starpunk.config.StarpunkSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule for who a request comes from.
 */
class ClientAddressTests {

	private final ClientAddress nobodyTrusted = new ClientAddress(settings());

	private final ClientAddress behindProxies = new ClientAddress(settings("127.0.0.1", "10.0.0.0/8"));

	@Test
	void withoutTrustedProxiesTheHeaderIsIgnored() {
		assertThat(this.nobodyTrusted.key(request("127.0.0.1", "203.0.113.9"))).isEqualTo("127.0.0.1");
		assertThat(this.nobodyTrusted.key(request("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
	}

	@Test
	void behindATrustedProxyTheRightMostUntrustedEntryIsTheClient() {
		assertThat(this.behindProxies.key(request("127.0.0.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
		assertThat(this.behindProxies.key(request("127.0.0.1", "192.0.2.66, 203.0.113.9, 10.1.2.3")))
			.as("what the client wrote itself, left of its own address, does not count")
			.isEqualTo("203.0.113.9");
		assertThat(this.behindProxies.key(request("127.0.0.1", "192.0.2.66", "203.0.113.9, 10.1.2.3")))
			.as("several headers are one list, in order")
			.isEqualTo("203.0.113.9");
		assertThat(this.behindProxies.key(request("127.0.0.1", "[2001:db8::1]:4711")))
			.isEqualTo("2001:db8:0:0:0:0:0:0/64");
		assertThat(this.behindProxies.key(request("127.0.0.1"))).as("no header: the proxy itself")
			.isEqualTo("127.0.0.1");
	}

	@Test
	void anUntrustedConnectionCannotClaimAnAddress() {
		assertThat(this.behindProxies.key(request("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
	}

	@Test
	void malformedEntriesNameNobody() {
		assertThat(this.behindProxies.key(request("127.0.0.1", "not-an-address"))).isEqualTo("127.0.0.1");
		assertThat(this.behindProxies.key(request("127.0.0.1", ""))).isEqualTo("127.0.0.1");
		assertThat(this.behindProxies.key(request("127.0.0.1", "203.0.113.9, evil.example, 10.0.0.5")))
			.as("the walk stops at the malformed entry; the last proxy reached stands")
			.isEqualTo("10.0.0.5");
		assertThat(this.behindProxies.key(request("127.0.0.1", "203.0.113.9,,"))).isEqualTo("127.0.0.1");
		assertThat(this.behindProxies.key(request("garbage"))).isEqualTo("unknown");
	}

	@Test
	void theWalkIsBounded() {
		String hops = "203.0.113.9, " + "10.0.0.1, ".repeat(ClientAddress.MOST_HOPS + 5) + "10.0.0.2";
		assertThat(this.behindProxies.key(request("127.0.0.1", hops)))
			.as("past the last hop read, the left-most proxy read stands")
			.isEqualTo("10.0.0.1");
	}

	@Test
	void ipv6ClientsAreCountedByTheirSlash64() throws Exception {
		assertThat(ClientAddress.key(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
			.isEqualTo(ClientAddress.key(InetAddress.getByName("2001:db8:1:2:bbbb::9")));
		assertThat(ClientAddress.key(InetAddress.getByName("2001:db8:1:3::1")))
			.isNotEqualTo(ClientAddress.key(InetAddress.getByName("2001:db8:1:2::1")));
		assertThat(ClientAddress.key(InetAddress.getByName("192.0.2.1"))).isEqualTo("192.0.2.1");
		assertThat(this.nobodyTrusted.key(request("0:0:0:0:0:0:0:1"))).isEqualTo("0:0:0:0:0:0:0:0/64");
	}

	@Test
	void theAddressIsDecidedOncePerRequest() {
		MockHttpServletRequest request = request("127.0.0.1", "203.0.113.9");
		assertThat(this.behindProxies.key(request)).isEqualTo("203.0.113.9");
		request.setRemoteAddr("198.51.100.7");
		assertThat(this.behindProxies.key(request)).isEqualTo("203.0.113.9");
	}

	private static MockHttpServletRequest request(String remote, String... forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/login");
		request.setRemoteAddr(remote);
		for (String header : forwardedFor) {
			request.addHeader(ClientAddress.FORWARDED_FOR, header);
		}
		return request;
	}

	private static StarpunkSettings settings(String... proxies) {
		return new StarpunkSettings(URI.create("http://127.0.0.1/"), "Site", "", "", null, Path.of("data"), 8080,
				"info", null, 50, 300, null, null, null, null, null, null, null,
				new StarpunkSettings.Network(List.of(proxies)), null, null, null);
	}

}
