package io.starpunk.config;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Addresses and CIDR ranges as {@code TRUSTED_PROXIES} lists them, read as literals only.
 */
class AddressRangeTests {

	@Test
	void rangesHoldTheAddressesUnderTheirPrefix() throws Exception {
		AddressRange ten = AddressRange.parse("10.0.0.0/8");
		assertThat(ten.contains(InetAddress.getByName("10.255.1.2"))).isTrue();
		assertThat(ten.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
		assertThat(ten.contains(InetAddress.getByName("::1"))).as("another family").isFalse();
		AddressRange one = AddressRange.parse(" 127.0.0.1 ");
		assertThat(one.prefixLength()).isEqualTo(32);
		assertThat(one.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(one.contains(InetAddress.getByName("127.0.0.2"))).isFalse();
		AddressRange v6 = AddressRange.parse("2001:db8::/32");
		assertThat(v6.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
		assertThat(v6.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
		assertThat(AddressRange.parse("192.168.1.77/24")).hasToString("192.168.1.0/24");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "localhost", "proxy.example", "10.0.0.0/33", "10.0.0.256", "10.0.0", "10.0.0.1/x",
			"::1/129", "1.2.3.4:80", "[::1]", "2001:db8::g", "10.0.0.0/-1", "10.0.0.0/8/8" })
	void anythingElseIsRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(text));
	}

	@Test
	void literalsAreReadAsSocketsAndProxiesWriteThem() {
		assertThat(AddressRange.literal("192.0.2.1"))
			.hasValueSatisfying((address) -> assertThat(address.getHostAddress()).isEqualTo("192.0.2.1"));
		assertThat(AddressRange.literal("192.0.2.1:4711"))
			.hasValueSatisfying((address) -> assertThat(address.getHostAddress()).isEqualTo("192.0.2.1"));
		assertThat(AddressRange.literal("[2001:db8::1]:443"))
			.hasValueSatisfying((address) -> assertThat(address.getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1"));
		assertThat(AddressRange.literal("2001:DB8::1")).isPresent();
		assertThat(AddressRange.literal("unknown")).as("never a host name, never a lookup").isEmpty();
		assertThat(AddressRange.literal("example.com")).isEmpty();
		assertThat(AddressRange.literal("1.2.3")).isEmpty();
		assertThat(AddressRange.literal(null)).isEmpty();
		assertThat(AddressRange.literal("::ffff:zz")).isEmpty();
	}

	@Test
	void trustedProxiesAreCheckedAtStartUp() {
		assertThat(new StarpunkSettings.Network(List.of(" 127.0.0.1", "10.0.0.0/8 ", "", "2001:db8::/32")).ranges())
			.hasSize(3);
		assertThat(settings(null).network().trustedProxies()).as("nobody is trusted by default").isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> settings(List.of("127.0.0.1", "proxy.local")))
			.withMessageStartingWith("TRUSTED_PROXIES")
			.withMessageContaining("'proxy.local'");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(List.of("10.0.0.0/40")))
			.withMessageStartingWith("TRUSTED_PROXIES");
	}

	private static StarpunkSettings settings(List<String> proxies) {
		return new StarpunkSettings(URI.create("http://127.0.0.1/"), "Site", "", "", null, Path.of("data"), 8080,
				"info", null, 50, 300, null, null, null, null, null, null, null,
				(proxies != null) ? new StarpunkSettings.Network(proxies) : null, null, null, null);
	}

}
