package io.starpunk.http;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Which addresses a stranger's URL may make this server call: public unicast only.
 * Refused in IPv4: 0/8, 10/8, 100.64/10 (shared), 127/8, 169.254/16, 172.16/12,
 * 192.0.0/24, 192.0.2/24, 192.88.99/24 (6to4 relays), 192.168/16, 198.18/15,
 * 198.51.100/24, 203.0.113/24, 224/4 and 240/4 (which holds 255.255.255.255). In IPv6
 * everything outside global unicast 2000::/3 ({@code ::}, {@code ::1}, IPv4-compatible
 * {@code ::/96}, {@code 64:ff9b:1::/48} local-use NAT64, {@code 100::/64},
 * {@code fc00::/7}, {@code fe80::/10}, {@code fec0::/10}, {@code ff00::/8}), and within
 * it Teredo {@code 2001::/32}, benchmarking {@code 2001:2::/48}, ORCHID
 * {@code 2001:10::/28} and {@code 2001:20::/28}, documentation {@code 2001:db8::/32} and
 * {@code 3fff::/20}. The forms that carry an IPv4 address are judged by it: IPv4-mapped
 * {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}.
 */
final class PublicAddresses {

	private PublicAddresses() {
	}

	static boolean isPublic(InetAddress address) {
		byte[] bytes = address.getAddress();
		return (address instanceof Inet4Address) ? isPublicV4(bytes, 0) : isPublicV6(bytes);
	}

	private static boolean isPublicV4(byte[] bytes, int at) {
		int a = bytes[at] & 0xff;
		int b = bytes[at + 1] & 0xff;
		int c = bytes[at + 2] & 0xff;
		return !(a == 0 || a == 10 || a == 127 || a >= 224 || (a == 100 && (b & 0xc0) == 64) || (a == 169 && b == 254)
				|| (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)
				|| (a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 192 && b == 88 && c == 99)
				|| (a == 198 && (b & 0xfe) == 18) || (a == 198 && b == 51 && c == 100)
				|| (a == 203 && b == 0 && c == 113));
	}

	private static boolean isPublicV6(byte[] bytes) {
		if (zeros(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			return isPublicV4(bytes, 12);
		}
		if (word(bytes, 0) == 0x0064 && word(bytes, 2) == 0xff9b && zeros(bytes, 4, 12)) {
			return isPublicV4(bytes, 12);
		}
		if (word(bytes, 0) == 0x2002) {
			return isPublicV4(bytes, 2);
		}
		if ((bytes[0] & 0xe0) != 0x20) {
			return false;
		}
		int first = word(bytes, 0);
		int second = word(bytes, 2);
		boolean teredo = first == 0x2001 && second == 0x0000;
		boolean benchmarking = first == 0x2001 && second == 0x0002 && word(bytes, 4) == 0;
		boolean orchid = first == 0x2001 && ((second & 0xfff0) == 0x0010 || (second & 0xfff0) == 0x0020);
		boolean documentation = (first == 0x2001 && second == 0x0db8) || (first == 0x3fff && (second & 0xf000) == 0);
		return !(teredo || benchmarking || orchid || documentation);
	}

	private static boolean zeros(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static int word(byte[] bytes, int at) {
		return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
	}

}
