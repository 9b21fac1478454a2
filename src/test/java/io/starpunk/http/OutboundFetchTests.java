package io.starpunk.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbound fetch policy over real sockets, with stand-in sites on loopback addresses
 * and a policy in which 127.0.0.2 counts as public and the rest of 127/8 (127.0.0.1 among
 * it) as private, as production counts all of it: the DNS-rebinding guard, redirects into
 * private space, the redirect limit, the size caps and the time cap.
 */
class OutboundFetchTests {

	private static final InetAddress PUBLIC = address("127.0.0.2");

	private static final InetAddress PRIVATE = address("127.0.0.1");

	/** 127.0.0.2 plus what production allows. */
	private static final Destinations POLICY = (address) -> address.equals(PUBLIC)
			|| Destinations.publicOnly().permits(address);

	private final List<AutoCloseable> open = new ArrayList<>();

	private final AtomicInteger lookups = new AtomicInteger();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.open) {
			closeable.close();
		}
	}

	@Test
	void aNameThatRebindsIsConnectedToOnlyWhereTheOneCheckedLookupSaid() throws Exception {
		StandInSite checked = site("127.0.0.2", 0).route("/", StandInSite.Reply.ok("text/plain", "public"));
		StandInSite rebound = site("127.0.0.1", checked.port()).route("/",
				StandInSite.Reply.ok("text/plain", "private"));
		OutboundFetch fetch = fetch(POLICY, answering(PUBLIC, PRIVATE));
		URI url = URI.create("http://rebinding.test:" + checked.port() + "/");
		OutboundResponse answer = fetch.send(OutboundRequest.get(url));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.text()).isEqualTo("public");
		assertThat(this.lookups).as("looked up once, and connected to what that lookup said").hasValue(1);
		assertThat(checked.connections()).isEqualTo(1);
		assertThat(rebound.connections()).isZero();
		assertThat(failure(fetch, OutboundRequest.get(url))).as("the name now answers a private address")
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(rebound.connections()).isZero();
		assertThat(checked.connections()).isEqualTo(1);
	}

	@Test
	void aNameThatAnswersAPrivateAddressFirstIsRefusedWithoutAnyConnection() throws Exception {
		StandInSite checked = site("127.0.0.2", 0).route("/", StandInSite.Reply.ok("text/plain", "public"));
		StandInSite rebound = site("127.0.0.1", checked.port()).route("/",
				StandInSite.Reply.ok("text/plain", "private"));
		URI url = URI.create("http://rebinding.test:" + checked.port() + "/");
		assertThat(failure(fetch(POLICY, answering(PRIVATE, PUBLIC)), OutboundRequest.get(url)))
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(failure(fetch(POLICY, (host) -> new InetAddress[] { PUBLIC, PRIVATE }), OutboundRequest.get(url)))
			.as("one private address among public ones is enough")
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(checked.connections() + rebound.connections()).isZero();
	}

	@Test
	void anIpLiteralIsCheckedTheSameWayWithoutALookup() throws Exception {
		StandInSite site = site("127.0.0.1", 0).route("/", StandInSite.Reply.ok("text/plain", "private"));
		OutboundFetch fetch = fetch(POLICY, answering(PUBLIC));
		assertThat(failure(fetch, OutboundRequest.get(site.uri("/")))).isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(failure(fetch, OutboundRequest.get(URI.create("http://[::ffff:127.0.0.1]:" + site.port() + "/"))))
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(failure(fetch, OutboundRequest.get(URI.create("http://[::1]:" + site.port() + "/"))))
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(site.connections()).isZero();
		assertThat(this.lookups).hasValue(0);
	}

	@Test
	void productionsPolicyRefusesLoopbackAltogether() throws Exception {
		StandInSite site = site("127.0.0.2", 0).route("/", StandInSite.Reply.ok("text/plain", "public"));
		OutboundFetch fetch = fetch(Destinations.publicOnly(), answering(PUBLIC));
		assertThat(failure(fetch, OutboundRequest.get(site.uri("/")))).isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(failure(fetch, OutboundRequest.get(URI.create("http://localhost.test:" + site.port() + "/"))))
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(site.connections()).isZero();
	}

	@Test
	void aRedirectToAPrivateAddressIsRefusedAfterAPublicHop() throws Exception {
		StandInSite inside = site("127.0.0.1", 0).route("/secret", StandInSite.Reply.ok("text/plain", "secret"));
		StandInSite outside = site("127.0.0.2", 0)
			.route("/to-literal", StandInSite.Reply.redirect(302, inside.uri("/secret").toString()))
			.route("/to-name", StandInSite.Reply.redirect(307, "http://inside.test:" + inside.port() + "/secret"));
		OutboundFetch fetch = fetch(POLICY,
				(host) -> new InetAddress[] { host.startsWith("inside") ? PRIVATE : PUBLIC });
		assertThat(failure(fetch, OutboundRequest.get(outside.uri("/to-literal"))))
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(failure(fetch, OutboundRequest.get(outside.uri("/to-name"))))
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(outside.requests()).hasSize(2);
		assertThat(inside.connections()).isZero();
	}

	@Test
	void atMostThreeRedirectsAreFollowed() throws Exception {
		StandInSite site = site("127.0.0.2", 0);
		for (int hop = 1; hop <= 5; hop++) {
			site.route("/hop/" + hop, StandInSite.Reply.redirect(301, "/hop/" + (hop - 1)));
		}
		site.route("/hop/0", StandInSite.Reply.ok("text/plain", "arrived"));
		OutboundFetch fetch = fetch(POLICY, answering(PUBLIC));
		OutboundResponse arrived = fetch.send(OutboundRequest.get(site.uri("/hop/3")));
		assertThat(arrived.text()).isEqualTo("arrived");
		assertThat(arrived.url()).isEqualTo(site.uri("/hop/0"));
		assertThat(site.requests()).hasSize(4);
		assertThat(failure(fetch, OutboundRequest.get(site.uri("/hop/4"))))
			.isEqualTo(FetchFailed.Reason.TOO_MANY_REDIRECTS);
		assertThat(site.requests()).as("the fourth redirect is not followed").hasSize(8);
		OutboundResponse unfollowed = fetch.send(OutboundRequest.get(site.uri("/hop/1")).withoutRedirects());
		assertThat(unfollowed.status()).isEqualTo(301);
		assertThat(unfollowed.headers().firstValue("location")).hasValue("/hop/0");
	}

	@Test
	void anAuthorizationHeaderIsNotCarriedToAnotherOrigin() throws Exception {
		StandInSite other = site("127.0.0.2", 0).route("/landing", StandInSite.Reply.ok("text/plain", "landed"));
		StandInSite first = site("127.0.0.2", 0).route("/same", StandInSite.Reply.redirect(302, "/elsewhere"))
			.route("/elsewhere", StandInSite.Reply.redirect(302, other.uri("/landing").toString()));
		OutboundFetch fetch = fetch(POLICY, answering(PUBLIC));
		assertThat(fetch.send(OutboundRequest.get(first.uri("/same")).header("Authorization", "Bearer secret")).text())
			.isEqualTo("landed");
		assertThat(first.requests())
			.allSatisfy((request) -> assertThat(request).containsEntry("authorization", "Bearer secret"));
		assertThat(other.requests()).singleElement()
			.satisfies((request) -> assertThat(request).doesNotContainKey("authorization"));
	}

	@Test
	void onlyHttpAndHttpsAreFetchedAndHttpsIsNeverFollowedDownToHttp() throws Exception {
		OutboundFetch fetch = fetch(POLICY, answering(PUBLIC));
		for (String url : List.of("ftp://example.com/", "file:///etc/passwd", "gopher://example.com/",
				"http://user:pass@example.com/")) {
			assertThat(failure(fetch, OutboundRequest.get(URI.create(url)))).as(url)
				.isEqualTo(FetchFailed.Reason.NOT_ALLOWED_URL);
		}
		URI secure = URI.create("https://app.example/start");
		assertThat(OutboundFetch.nextHop(secure, "/next")).isEqualTo(URI.create("https://app.example/next"));
		assertThat(OutboundFetch.nextHop(URI.create("http://app.example/"), "https://app.example/"))
			.isEqualTo(URI.create("https://app.example/"));
		for (String location : List.of("http://app.example/next", "file:///etc/passwd", "javascript:alert(1)",
				"http://[bad", " ")) {
			assertThatExceptionOfType(FetchFailed.class).as(location)
				.isThrownBy(() -> OutboundFetch.nextHop(secure, location))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FetchFailed.Reason.BAD_REDIRECT));
		}
	}

	@Test
	void aBodyIsCutOrRefusedAtItsCap() throws Exception {
		StandInSite site = site("127.0.0.2", 0)
			.route("/sized",
					StandInSite.Reply.status(200, "text/plain", "a".repeat(1001).getBytes(StandardCharsets.UTF_8)))
			.route("/exact",
					StandInSite.Reply.status(200, "text/plain", "a".repeat(1000).getBytes(StandardCharsets.UTF_8)))
			.route("/unsized", StandInSite.Reply.unsized(5 * 1024 * 1024));
		OutboundFetch fetch = fetch(POLICY, answering(PUBLIC));
		assertThat(fetch.send(OutboundRequest.get(site.uri("/sized")).truncatedAt(1000)).body()).hasSize(1000);
		assertThat(fetch.send(OutboundRequest.get(site.uri("/unsized")).truncatedAt(1000)).body()).hasSize(1000);
		assertThat(fetch.send(OutboundRequest.get(site.uri("/exact")).refusedAbove(1000)).body()).hasSize(1000);
		assertThat(failure(fetch, OutboundRequest.get(site.uri("/sized")).refusedAbove(1000)))
			.isEqualTo(FetchFailed.Reason.TOO_LARGE);
		assertThat(failure(fetch, OutboundRequest.get(site.uri("/unsized")).refusedAbove(1000)))
			.isEqualTo(FetchFailed.Reason.TOO_LARGE);
		assertThat(fetch.send(OutboundRequest.get(site.uri("/unsized")).truncatedAt(Integer.MAX_VALUE)).body())
			.as("never more than the policy's cap")
			.hasSize(OutboundFetch.Limits.STANDARD.maxBytes());
	}

	@Test
	void aServerThatNeverAnswersIsCutOffByTheTimeCap() throws Exception {
		StandInSite site = site("127.0.0.2", 0).route("/silent", StandInSite.Reply.silence())
			.route("/drip", StandInSite.Reply.drip());
		OutboundFetch fetch = this.track(new OutboundFetch(
				OutboundFetch.Limits.STANDARD.withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)), POLICY,
				answering(PUBLIC)));
		assertThat(failure(fetch, OutboundRequest.get(site.uri("/silent")))).isEqualTo(FetchFailed.Reason.TIMEOUT);
		assertThat(failure(fetch, OutboundRequest.get(site.uri("/drip"))))
			.as("a body that keeps coming, a byte at a time, is cut by the total cap")
			.isEqualTo(FetchFailed.Reason.TIMEOUT);
	}

	@Test
	void aFetcherForAnOperatorsEndpointReachesItsOriginOnlyAtAnyAddress() throws Exception {
		StandInSite endpoint = site("127.0.0.1", 0).route("/token", StandInSite.Reply.ok("application/json", "{}"));
		OutboundFetch fetch = fetch(Destinations.publicOnly(), answering(PUBLIC));
		OutboundFetch trusted = fetch.onlyTo(endpoint.uri("/token"));
		assertThat(trusted.send(OutboundRequest.get(endpoint.uri("/token"))).status()).isEqualTo(200);
		assertThat(failure(trusted, OutboundRequest.get(URI.create("http://127.0.0.1:" + (endpoint.port() + 1) + "/"))))
			.isEqualTo(FetchFailed.Reason.NOT_ALLOWED_URL);
		assertThat(failure(trusted, OutboundRequest.get(URI.create("http://other.test:" + endpoint.port() + "/token"))))
			.isEqualTo(FetchFailed.Reason.NOT_ALLOWED_URL);
		assertThat(failure(fetch, OutboundRequest.get(endpoint.uri("/token"))))
			.as("the fetcher it came from still refuses it")
			.isEqualTo(FetchFailed.Reason.REFUSED_ADDRESS);
		assertThat(endpoint.connections()).isEqualTo(1);
	}

	@Test
	void anUnknownHostAndAClosedPortFailClearly() throws Exception {
		int closed;
		try (StandInSite gone = StandInSite.on("127.0.0.2")) {
			closed = gone.port();
		}
		OutboundFetch fetch = fetch(POLICY, (host) -> {
			if (host.equals("nowhere.test")) {
				throw new UnknownHostException(host);
			}
			return new InetAddress[] { PUBLIC };
		});
		assertThat(failure(fetch, OutboundRequest.get(URI.create("http://nowhere.test/"))))
			.isEqualTo(FetchFailed.Reason.UNKNOWN_HOST);
		assertThat(failure(fetch, OutboundRequest.get(URI.create("http://closed.test:" + closed + "/"))))
			.isEqualTo(FetchFailed.Reason.UNREACHABLE);
	}

	private HostLookup answering(InetAddress first, InetAddress... later) {
		return (host) -> {
			int call = this.lookups.incrementAndGet();
			return new InetAddress[] { (call == 1 || later.length == 0) ? first : later[0] };
		};
	}

	private OutboundFetch fetch(Destinations destinations, HostLookup lookup) {
		return track(new OutboundFetch(OutboundFetch.Limits.STANDARD, destinations, lookup));
	}

	private StandInSite site(String address, int port) {
		return track(StandInSite.on(address, port));
	}

	private <T extends AutoCloseable> T track(T closeable) {
		this.open.add(closeable);
		return closeable;
	}

	private static FetchFailed.Reason failure(OutboundFetch fetch, OutboundRequest request) {
		try {
			OutboundResponse response = fetch.send(request);
			throw new AssertionError("Expected a failure, got HTTP " + response.status());
		}
		catch (FetchFailed ex) {
			return ex.reason();
		}
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
