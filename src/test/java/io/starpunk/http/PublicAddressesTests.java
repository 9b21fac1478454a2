package io.starpunk.http;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses count as public, over a table of every range the policy refuses (its
 * edges, where a range has near neighbours that are public) and of public addresses.
 */
class PublicAddressesTests {

	@ParameterizedTest(name = "{0} public: {1}")
	@CsvSource({
			// IPv4 reserved and private ranges, and their public neighbours
			"0.0.0.0, false", "0.255.255.255, false", "1.0.0.0, true", "10.0.0.1, false", "10.255.255.255, false",
			"11.0.0.0, true", "100.63.255.255, true", "100.64.0.1, false", "100.127.255.255, false",
			"100.128.0.0, true", "126.255.255.255, true", "127.0.0.1, false", "127.255.255.254, false",
			"128.0.0.0, true", "169.253.255.255, true", "169.254.169.254, false", "169.255.0.0, true",
			"172.15.255.255, true", "172.16.0.1, false", "172.31.255.255, false", "172.32.0.0, true",
			"192.0.0.8, false", "192.0.1.1, true", "192.0.2.1, false", "192.88.99.1, false", "192.88.98.1, true",
			"192.167.255.255, true", "192.168.1.1, false", "192.169.0.0, true", "198.17.255.255, true",
			"198.18.0.1, false", "198.19.255.255, false", "198.20.0.0, true", "198.51.100.7, false",
			"198.51.101.1, true", "203.0.113.9, false", "203.0.114.1, true", "223.255.255.255, true",
			"224.0.0.1, false", "239.255.255.250, false", "240.0.0.1, false", "255.255.255.255, false", "8.8.8.8, true",
			"93.184.215.14, true",
			// IPv6 special addresses and ranges
			"::, false", "::1, false", "::8.8.8.8, false", "::ffff:127.0.0.1, false", "::ffff:10.1.2.3, false",
			"::ffff:8.8.8.8, true", "64:ff9b::7f00:1, false", "64:ff9b::a9fe:a9fe, false", "64:ff9b::808:808, true",
			"64:ff9b:1::808:808, false", "64:ff9b:1:ffff::1, false", "100::1, false", "2002:7f00:1::1, false",
			"2002:c0a8:101::1, false", "2002:808:808::1, true", "2001::1, false",
			"2001:0:4136:e378:8000:63bf:3fff:fdd2, false", "2001:2::1, false", "2001:10::1, false", "2001:20::1, false",
			"2001:db8::1, false", "2001:db8:ffff::1, false", "3fff::1, false", "3fff:fff::1, false", "fc00::1, false",
			"fd12:3456::1, false", "fe80::1, false", "febf::1, false", "fec0::1, false", "ff02::1, false",
			"ff0e::1, false", "1::1, false", "4000::1, false", "2001:4860:4860::8888, true",
			"2606:4700:4700::1111, true", "2a00:1450:4001:81b::200e, true", "2001:db9::1, true" })
	void classifiesAddresses(String literal, boolean expected) throws Exception {
		assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} public: {1}")
	@CsvSource({ "0:0:0:0:0:ffff:7f00:1, false", "0:0:0:0:0:ffff:808:808, true" })
	void anIpv4MappedAddressGivenAsIpv6BytesIsJudgedByItsIpv4(String literal, boolean expected) throws Exception {
		byte[] bytes = InetAddress.getByName(literal).getAddress();
		byte[] sixteen = new byte[16];
		sixteen[10] = (byte) 0xff;
		sixteen[11] = (byte) 0xff;
		System.arraycopy(bytes, bytes.length - 4, sixteen, 12, 4);
		InetAddress address = Inet6Address.getByAddress(null, sixteen, -1);
		assertThat(PublicAddresses.isPublic(address)).isEqualTo(expected);
	}

}
