package io.starpunk.micropub;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.config.Sha256;
import io.starpunk.config.SqlTime;
import io.starpunk.support.Multipart;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several hundred malformed or hostile requests to {@code /micropub} and
 * {@code /micropub/media}, hand-written and generated from a fixed seed, most with a
 * valid token that may do everything. Each must be refused with a 4xx that tells the
 * client why, without a stack trace or a token in the answer, and together they must
 * leave the notes, their files, their properties and the media exactly as they were.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MicropubFuzzTests {

	private static final String SITE = "http://blog.test/";

	private static final String ALL = "fuzz-all-0123456789abcdef0123456789abcdef01";

	private static final String CREATE_ONLY = "fuzz-create-0123456789abcdef0123456789abcdef";

	private static final String UPDATE_ONLY = "fuzz-update-0123456789abcdef0123456789abcdef";

	private static final String EXPIRED = "fuzz-expired-0123456789abcdef0123456789abcdef";

	private static final String SOMEONE_ELSE = "fuzz-other-0123456789abcdef0123456789abcdef";

	private static final List<String> SECRETS = List.of(ALL, CREATE_ONLY, UPDATE_ONLY, EXPIRED, SOMEONE_ELSE);

	private static final String JSON = "application/json";

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	/** A published note the update, delete and undelete cases aim at. */
	static String seed;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"MEDIA_MAX_BYTES=1MB");
		Instant now = Instant.now();
		token(ALL, "https://owner.example/", "create update delete undelete media draft", now.plusSeconds(86400));
		token(CREATE_ONLY, "https://owner.example/", "create", now.plusSeconds(86400));
		token(UPDATE_ONLY, "https://owner.example/", "update", now.plusSeconds(86400));
		token(EXPIRED, "https://owner.example/", "create update delete undelete media draft", now.minusSeconds(60));
		token(SOMEONE_ELSE, "https://someone-else.example/", "create update delete undelete media",
				now.plusSeconds(86400));
		HttpResponse<byte[]> created = send(post("/micropub", ALL, FORM,
				utf8("h=entry&mp-slug=fuzz-seed&content=" + encode("The note every hostile update aims at"))));
		assertThat(created.statusCode()).isEqualTo(201);
		seed = created.headers().firstValue("Location").orElseThrow();
		assertThat(seed).isEqualTo(SITE + "notes/fuzz-seed");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> hostileRequestsAreRefusedAndChangeNothing() throws Exception {
		State before = State.read();
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		rootLogger().addAppender(log);
		List<Case> cases = new ArrayList<>();
		handWritten(cases);
		generated(cases, new Random(20261125L));
		assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
		Stream<DynamicTest> each = cases.stream()
			.map((hostile) -> DynamicTest.dynamicTest(hostile.name(), () -> assertRefused(hostile)));
		Stream<DynamicTest> after = Stream.of(
				DynamicTest.dynamicTest("the notes, their files and media are unchanged",
						() -> assertThat(before.differences(State.read())).isEmpty()),
				DynamicTest.dynamicTest("no token reached the log", () -> {
					rootLogger().detachAppender(log);
					for (ILoggingEvent event : List.copyOf(log.list)) {
						for (String secret : SECRETS) {
							assertThat(logged(event)).as("a token in the log").doesNotContain(secret);
						}
					}
				}), DynamicTest.dynamicTest("no client's mistake was logged as an ERROR with a stack trace", () -> {
					assertThat(List.copyOf(log.list)
						.stream()
						.filter((event) -> event.getLevel() == Level.ERROR && event.getThrowableProxy() != null)
						.map(MicropubFuzzTests::thrown)
						.distinct()
						.toList()).isEmpty();
				}));
		return Stream.concat(each, after);
	}

	@Test
	@Order(2)
	void aJsonCreateWithAnUnknownExtraPropertyIsValid() {
		// not hostile: Micropub servers keep properties they do not understand
		HttpResponse<byte[]> response = send(post("/micropub", ALL, JSON, utf8("""
				{"type": ["h-entry"], "properties": {"content": ["Extra property"], "x-fuzz-extra": ["kept"]}}""")));
		assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
	}

	@Test
	@Order(2)
	void numbersAndBooleansAreKeptExactlyAsGiven() {
		// once refused here; real clients send them (micropub.rocks 204's latitude)
		String properties = """
				{"category": [1, 2.5, true, "tag"], "rating": [1.5], "x-flags": [true, false],
				 "x-big": [123456789012345678901234567890, -0.000123, 1e400, 0.1],
				 "checkin": [{"type": ["h-card"], "properties": {"name": ["Somewhere"],
				   "latitude": [45.5228], "longitude": [-122.6573], "x-open": [true],
				   "x-deep": [{"n": [1.25, {"m": -7}]}]}}]}""";
		String body = "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"Numbers kept\"], "
				+ properties.substring(properties.indexOf('{') + 1) + "}";
		HttpResponse<byte[]> created = send(post("/micropub", ALL, JSON, utf8(body)));
		assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		HttpResponse<byte[]> source = send(get("/micropub?q=source&url=" + encode(location), ALL));
		assertThat(source.statusCode()).as(text(source)).isEqualTo(200);
		JsonNode exact = exact(text(source)).path("properties");
		JsonNode sent = exact(properties);
		for (String name : sent.propertyNames()) {
			assertThat(exact.path(name)).as(name).isEqualTo(sent.path(name));
		}
		assertThat(exact.path("rating").get(0).isNumber()).isTrue();
		assertThat(exact.path("rating").get(0).decimalValue()).isEqualByComparingTo("1.5");
		assertThat(exact.path("x-flags").get(0).isBoolean()).isTrue();
		assertThat(exact.path("x-big").get(0).bigIntegerValue())
			.isEqualTo(new BigInteger("123456789012345678901234567890"));
		assertThat(exact.path("x-big").get(1).decimalValue()).isEqualByComparingTo("-0.000123");
		assertThat(exact.path("x-big").get(2).decimalValue()).isEqualByComparingTo("1e400");
		assertThat(exact.path("x-big").get(3).decimalValue()).isEqualByComparingTo("0.1");
		// the page shows the string category and the checkin, and is not broken by the
		// numbers
		HttpResponse<String> page = server.get("/" + location.substring(SITE.length()));
		assertThat(page.statusCode()).isEqualTo(200);
		Document document = Jsoup.parse(page.body());
		assertThat(document.select(".h-entry .p-category").eachText()).containsExactly("tag");
		assertThat(document.select(".h-entry .checkin").text()).contains("Somewhere");
		assertThat(document.select(".h-entry .p-checkin .p-latitude").attr("value")).isEqualTo("45.5228");
		// and an update may add numbers and booleans too
		HttpResponse<byte[]> updated = send(post("/micropub", ALL, JSON, utf8("{\"action\": \"update\", \"url\": \""
				+ location + "\", \"add\": {\"rating\": [-2]}, \"replace\": {\"x-flags\": [false]}}")));
		assertThat(updated.statusCode()).as(text(updated)).isEqualTo(204);
		JsonNode after = exact(text(send(get("/micropub?q=source&url=" + encode(location), ALL)))).path("properties");
		assertThat(after.path("rating")).isEqualTo(exact("[1.5, -2]"));
		assertThat(after.path("x-flags")).isEqualTo(exact("[false]"));
	}

	/** JSON read with its numbers exact, as the server must keep them. */
	private static JsonNode exact(String text) {
		return json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text);
	}

	@Test
	@Order(3)
	void aJavascriptPhotoUrlNeverReachesThePageAsALink() {
		// a server may refuse it or keep it, but the page must not link it
		HttpResponse<byte[]> response = send(post("/micropub", ALL, JSON, utf8("""
				{"type": ["h-entry"], "properties": {"content": ["A hostile photo"],
				  "photo": ["javascript:alert(document.cookie)"]}}""")));
		if (response.statusCode() == 201) {
			String location = response.headers().firstValue("Location").orElseThrow();
			Document page = Jsoup.parse(server.get("/" + location.substring(SITE.length())).body());
			assertThat(page.select("[src^=javascript], [href^=javascript]")).isEmpty();
			assertThat(page.html()).doesNotContain("javascript:alert");
		}
		else {
			assertThat(response.statusCode()).isBetween(400, 499);
		}
	}

	@Test
	@Order(3)
	void charactersXmlCannotCarryAreRefusedOrKeptOutOfTheFeeds() {
		// a server may refuse these or keep them; either way the note's page must still
		// be
		// served, and theFeedsAreStillWellFormed checks the feeds afterwards
		for (String character : List.of("\\u0001", "\\u0008", "\\u000b", "\\u001f", "\\ufffe", "\\uffff", "\\ud800",
				"\\udfff")) {
			for (String property : List.of("content", "category", "name")) {
				String body = "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"control\"], \"" + property
						+ "\": [\"a" + character + "b\"]}}";
				HttpResponse<byte[]> response = send(post("/micropub", ALL, JSON, utf8(body)));
				assertThat(response.statusCode()).as(body + " answered " + text(response)).isIn(201, 400);
				if (response.statusCode() == 201) {
					String location = response.headers().firstValue("Location").orElseThrow();
					assertThat(server.get("/" + location.substring(SITE.length())).statusCode()).as(body)
						.isEqualTo(200);
				}
			}
		}
	}

	@Test
	@Order(4)
	void theFeedsAreStillWellFormed() throws Exception {
		// whatever the requests above left behind, the feeds must still be served and
		// parse
		for (String feed : List.of("feed.xml", "feed.atom")) {
			HttpResponse<String> response = server.get("/" + feed);
			assertThat(response.statusCode()).as(feed).isEqualTo(200);
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
		}
		assertThat(server.get("/").statusCode()).as("the home page").isEqualTo(200);
		HttpResponse<String> jsonFeed = server.get("/feed.json");
		assertThat(jsonFeed.statusCode()).isEqualTo(200);
		assertThat(json.readTree(jsonFeed.body()).path("items").isArray()).isTrue();
	}

	/** What an event's stack trace would begin with: each exception and its message. */
	private static String thrown(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getLoggerName());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			text.append(" | ")
				.append(cause.getClassName())
				.append(": ")
				.append((message.length() > 100) ? message.substring(0, 100) + "..." : message);
		}
		return text.toString();
	}

	private static ch.qos.logback.classic.Logger rootLogger() {
		return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	/**
	 * A log event as it would be written: its message and every message of its causes.
	 */
	private static String logged(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
		}
		return text.toString();
	}

	// the cases

	private static void handWritten(List<Case> cases) {
		malformedJson(cases);
		wrongTypes(cases);
		hugeAndDeep(cases);
		invalidBytesAndNul(cases);
		actionsAndUrls(cases);
		queries(cases);
		tokens(cases);
		multipart(cases);
		media(cases);
		repeatedSingleValues(cases);
	}

	private static void malformedJson(List<Case> cases) {
		for (String body : List.of("", " ", "{", "}", "[", "{not json", "{\"type\": [\"h-entry\"]", "null", "true", "1",
				"\"h-entry\"", "[1, 2]", "[]", "{}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"]}}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\",]}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": ['x']}}",
				"{type: [\"h-entry\"], properties: {content: [\"x\"]}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"]}} trailing",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"unterminated]}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"bad \\q escape\"]}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"\\ud800\"]}, \"type\": 1}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [NaN]}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [01]}}",
				"/* comment */ {\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"]}}",
				"\uFEFF\uFEFF{\"type\": [\"h-entry\"]}", "{\"action\": }", "{\"action\": \"delete\", \"url\": }")) {
			cases.add(new Case("malformed JSON " + abbreviate(body), post("/micropub", ALL, JSON, utf8(body))));
		}
		cases.add(new Case("JSON create sent as text/plain", post("/micropub", ALL, "text/plain",
				utf8("{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"as text\"]}, \"x\": "))));
		cases.add(new Case("JSON with a bogus charset and no content", post("/micropub", ALL,
				"application/json; charset=bogus-charset", utf8("{\"type\": [\"h-entry\"], \"properties\": {}}"))));
		cases.add(new Case("JSON with charset UTF-32 and no content", post("/micropub", ALL,
				"application/json; charset=UTF-32", utf8("{\"type\": [\"h-entry\"], \"properties\": {}}"))));
	}

	private static void wrongTypes(List<Case> cases) {
		List<String> bodies = new ArrayList<>();
		for (String type : List.of("\"h-event\"", "\"\"", "\"h-entry \"", "1", "null", "true", "{}", "[]", "[1]",
				"[null]", "[[\"h-entry\"]]", "[\"h-event\"]", "[\"h-card\"]", "[\"h-entry\", \"h-card\"]",
				"[\"H-ENTRY\"]", "[\"entry\"]", "[{\"value\": \"h-entry\"}]")) {
			bodies.add("{\"type\": " + type + ", \"properties\": {\"content\": [\"wrong type\"]}}");
		}
		bodies.add("{\"properties\": {\"content\": [\"no type\"]}}");
		for (String properties : List.of("1", "\"content\"", "null", "true", "[]", "[{\"content\": [\"x\"]}]")) {
			bodies.add("{\"type\": [\"h-entry\"], \"properties\": " + properties + "}");
		}
		bodies.add("{\"type\": [\"h-entry\"]}");
		bodies.add("{\"type\": [\"h-entry\"], \"properties\": {}}");
		bodies.add("{\"type\": [\"h-entry\"], \"properties\": {\"content\": []}}");
		bodies.add("{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"\"]}}");
		bodies.add("{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"   \\n\\t  \"]}}");
		for (String content : List.of("\"not a list\"", "1", "true", "null", "{}", "{\"html\": \"<b>x</b>\"}", "[1]",
				"[1.5]", "[true]", "[null]", "[[\"x\"]]", "[[]]", "[{}]", "[{\"html\": 1}]", "[{\"html\": null}]",
				"[{\"html\": [\"<b>x</b>\"]}]", "[{\"html\": {}}]", "[{\"html\": true}]", "[{\"value\": 1}]",
				"[{\"value\": [\"x\"]}]", "[{\"html\": \"<b>x</b>\", \"value\": 5}]", "[{\"type\": \"h-card\"}]")) {
			bodies.add("{\"type\": [\"h-entry\"], \"properties\": {\"content\": " + content + "}}");
		}
		Map<String, List<String>> wrong = new TreeMap<>();
		wrong.put("category", List.of("\"one\"", "1", "null", "{}", "[null]", "[[\"a\"]]", "[1, null]"));
		wrong.put("name", List.of("\"title\"", "1", "[1]", "[false]", "[null]", "[[\"a\"]]"));
		wrong.put("photo",
				List.of("\"https://example.com/a.jpg\"", "1", "[1]", "[true]", "[null]",
						"[[\"https://example.com/a.jpg\"]]", "[{\"value\": 1}]", "[{\"value\": null, \"alt\": \"x\"}]",
						"[{\"value\": \"https://example.com/a.jpg\", \"alt\": 7}]"));
		wrong.put("published",
				List.of("\"2025-01-02T03:04:05Z\"", "1", "[123]", "[true]", "[null]", "[\"yesterday\"]",
						"[\"2025-13-45T99:99:99Z\"]", "[\"\"]", "[\"0000-01-01\"]", "[\"+10000-01-01\"]",
						"[\"10000-01-01T00:00:00Z\"]", "[\"-0001-01-01T00:00:00Z\"]", "[\"0001-01-01T00:30:00+01:00\"]",
						"[\"2025-02-30\"]"));
		wrong.put("post-status", List.of("\"draft\"", "[true]", "[1]", "[null]", "[\"later\"]", "[\"DRAFT!\"]"));
		wrong.put("mp-slug", List.of("\"slug\"", "[1]", "[true]", "[\"admin\"]", "[[\"x\"]]"));
		wrong.put("checkin", List.of("\"Micropub.rocks\"", "[null]", "[[{\"type\": [\"h-card\"]}]]",
				"[{\"type\": [\"h-card\"], \"properties\": {\"latitude\": [null]}}]"));
		wrong.forEach((property, values) -> values
			.forEach((value) -> bodies.add("{\"type\": [\"h-entry\"], " + "\"properties\": {\"content\": [\"wrong "
					+ property + "\"], \"" + property + "\": " + value + "}}")));
		for (String body : bodies) {
			cases.add(new Case("wrong types " + abbreviate(body), post("/micropub", ALL, JSON, utf8(body))));
		}
		for (String form : List.of("content=no+h", "h=event&content=x", "h=&content=x", "h=card&content=x", "h=entry",
				"h=entry&content=", "h=entry&content=+++", "h=entry&content=x&post-status=later",
				"h=entry&content=x&post-status=", "h=entry&content=x&mp-slug=admin",
				"h=entry&content=x&published=yesterday", "h=entry&content=x&published=0000-12-31",
				"h=entry&content=x&published=%2B10000-01-01", "h=entry&content=x&published=2025-13-45T99%3A99%3A99Z")) {
			cases.add(new Case("bad form " + form, post("/micropub", ALL, FORM, utf8(form))));
		}
	}

	private static void hugeAndDeep(List<Case> cases) {
		String huge = "x".repeat(600_000);
		cases.add(json("huge type", "{\"type\": [\"h-entry" + huge + "\"], \"properties\": {\"content\": [\"x\"]}}"));
		cases.add(json("huge name beside a null category", "{\"type\": [\"h-entry\"], \"properties\": "
				+ "{\"content\": [\"x\"], \"name\": [\"" + huge + "\"], \"category\": [null]}}"));
		cases.add(json("huge action", "{\"action\": \"" + huge + "\", \"url\": \"" + seedUrl() + "\"}"));
		cases.add(json("huge update URL", "{\"action\": \"update\", \"url\": \"" + SITE + "notes/" + huge
				+ "\", \"replace\": {\"content\": [\"x\"]}}"));
		cases.add(json("huge foreign delete URL",
				"{\"action\": \"delete\", \"url\": \"https://" + huge + ".example/\"}"));
		cases.add(json("huge property name",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [1], \"" + huge + "\": [\"x\"]}}"));
		cases.add(json("huge content then truncated",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"" + "y".repeat(900_000) + "\"]}"));
		cases.add(json("huge run of brackets", "[".repeat(900_000)));
		cases.add(json("a JSON body over 1 MB",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"" + "z".repeat(1024 * 1024) + "\"]}}"));
		cases.add(form("a form body over 1 MB", "h=entry&content=" + "z".repeat(1024 * 1024)));
		cases.add(form("huge content with h=event", "h=event&content=" + huge));
		cases.add(form("huge content with a bad post-status", "h=entry&content=" + huge + "&post-status=later"));
		cases.add(form("huge action", "action=" + huge + "&url=" + encode(seedUrl())));
		cases.add(new Case("huge q", get("/micropub?q=" + "q".repeat(6000), ALL)));
		cases.add(new Case("huge source url",
				get("/micropub?q=source&url=" + encode(SITE + "notes/" + "n".repeat(6000)), ALL)));

		cases.add(json("5000 open brackets", "[".repeat(5000)));
		cases.add(json("5000 nested arrays", "[".repeat(5000) + "]".repeat(5000)));
		cases.add(json("5000 nested objects", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
		cases.add(json("content nested 3000 deep", "{\"type\": [\"h-entry\"], \"properties\": {\"content\": "
				+ "[".repeat(3000) + "\"x\"" + "]".repeat(3000) + "}}"));
		cases.add(json("content nested 200 deep", "{\"type\": [\"h-entry\"], \"properties\": {\"content\": "
				+ "[".repeat(200) + "\"x\"" + "]".repeat(200) + "}}"));
		cases.add(json("h-card in h-card 2000 deep",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"], " + "\"checkin\": "
						+ "[{\"type\": [\"h-card\"], \"properties\": {\"org\": ".repeat(2000) + "[\"x\"]"
						+ "}}]".repeat(2000) + "}}"));
		cases.add(json("deep replace", "{\"action\": \"update\", \"url\": \"" + seedUrl() + "\", \"replace\": "
				+ "{\"content\": " + "[".repeat(4000) + "]".repeat(4000) + "}}"));
		cases.add(json("deep objects in an update's add", "{\"action\": \"update\", \"url\": \"" + seedUrl()
				+ "\", \"add\": {\"category\": [" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "]}}"));
		cases.add(form("form with 5000 brackets in a name", "h=event&" + "[".repeat(5000) + "=x"));
	}

	private static void invalidBytesAndNul(List<Case> cases) {
		List<byte[]> invalid = List.of(bytes(0xC3, 0x28), bytes(0xFF, 0xFE), bytes(0xED, 0xA0, 0x80), bytes(0xC0, 0xAF),
				bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0x80), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98),
				bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xFE));
		for (byte[] sequence : invalid) {
			String hex = hex(sequence);
			cases.add(new Case("JSON content with invalid UTF-8 " + hex,
					post("/micropub", ALL, JSON,
							concat(utf8("{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"bad "), sequence,
									utf8(" bytes\"]}}")))));
			cases.add(new Case("form content with raw invalid UTF-8 " + hex,
					post("/micropub", ALL, FORM, concat(utf8("h=entry&content=bad+"), sequence, utf8("+bytes")))));
			cases.add(new Case("form content with percent-encoded invalid UTF-8 " + hex,
					post("/micropub", ALL, FORM, utf8("h=entry&content=bad+" + percent(sequence) + "+bytes"))));
		}
		cases.add(new Case("JSON update with invalid UTF-8",
				post("/micropub", ALL, JSON, concat(
						utf8("{\"action\": \"update\", \"url\": \"" + seedUrl() + "\", \"replace\": {\"content\": [\""),
						bytes(0xC3, 0x28), utf8("\"]}}")))));
		cases.add(form("form with bad percent-encoding in content", "h=entry&content=%zz"));
		cases.add(form("form with a lone percent in content", "h=entry&content=100%"));
		cases.add(form("form with bad percent-encoding in a name", "h=entry&content=x&%zz=1"));

		cases.add(json("JSON content with an escaped NUL",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"a\\u0000b\"]}}"));
		cases.add(json("JSON content that is one NUL",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"\\u0000\"]}}"));
		cases.add(new Case("JSON content with a raw NUL byte", post("/micropub", ALL, JSON, concat(
				utf8("{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"a"), bytes(0), utf8("b\"]}}")))));
		cases.add(json("JSON category with a NUL", "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"], "
				+ "\"category\": [\"tag\\u0000\"]}}"));
		cases.add(json("JSON name with a NUL", "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"], "
				+ "\"name\": [\"ti\\u0000tle\"]}}"));
		cases.add(json("JSON mp-slug with a NUL", "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"], "
				+ "\"mp-slug\": [\"slug\\u0000x\"]}}"));
		cases.add(json("JSON html content with a NUL",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": " + "[{\"html\": \"<p>a\\u0000b</p>\"}]}}"));
		cases.add(json("JSON replace with a NUL", "{\"action\": \"update\", \"url\": \"" + seedUrl()
				+ "\", \"replace\": {\"content\": [\"a\\u0000b\"]}}"));
		cases.add(json("JSON action with a NUL", "{\"action\": \"delete\\u0000\", \"url\": \"" + seedUrl() + "\"}"));
		cases.add(json("JSON url with a NUL", "{\"action\": \"delete\", \"url\": \"" + seedUrl() + "\\u0000\"}"));
		cases.add(form("form content with a NUL", "h=entry&content=a%00b"));
		cases.add(form("form mp-slug with a NUL", "h=entry&content=x&mp-slug=a%00b"));
		cases.add(form("form category with a NUL", "h=entry&content=x&category=a%00b"));
		cases.add(form("form url with a NUL", "action=delete&url=" + encode(seedUrl()) + "%00"));
		cases.add(new Case("source url with a NUL", get("/micropub?q=source&url=" + encode(seedUrl()) + "%00", ALL)));
		cases.add(new Case("q with a NUL", get("/micropub?q=config%00", ALL)));
	}

	private static void actionsAndUrls(List<Case> cases) {
		for (String action : List.of("\"fly\"", "\"\"", "\" delete\"", "\"delete \"", "\"undelete-all\"", "\"create\"",
				"\"update2\"", "null", "1", "true", "[]", "[\"delete\"]", "{}", "{\"delete\": true}")) {
			cases.add(json("unknown action " + action, "{\"action\": " + action + ", \"url\": \"" + seedUrl() + "\"}"));
		}
		for (String action : List.of("fly", "", "create", "update2", "del%00ete")) {
			cases.add(form("form with unknown action " + action, "action=" + action + "&url=" + encode(seedUrl())));
		}
		List<String> notOurs = List.of(SITE + "notes/no-such-note", "https://elsewhere.example/notes/fuzz-seed",
				"javascript:alert(1)", "javascript://blog.test/notes/fuzz-seed",
				"data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "/notes/fuzz-seed", "notes/fuzz-seed",
				SITE + "notes/../admin", SITE + "admin", SITE + "notes/fuzz-seed/extra", SITE + "notes/", SITE, "",
				"   ", "http://blog.test.evil.example/notes/fuzz-seed",
				"http://evil.example/?http://blog.test/notes/fuzz-seed", SITE + "notes/%2e%2e%2fstarpunk.db");
		for (String url : notOurs) {
			String quoted = json.writeValueAsString(url);
			cases.add(json("update " + abbreviate(url),
					"{\"action\": \"update\", \"url\": " + quoted + ", \"replace\": {\"content\": [\"taken over\"]}}"));
			cases.add(json("delete " + abbreviate(url), "{\"action\": \"delete\", \"url\": " + quoted + "}"));
			cases.add(json("undelete " + abbreviate(url), "{\"action\": \"undelete\", \"url\": " + quoted + "}"));
			cases.add(form("form delete " + abbreviate(url), "action=delete&url=" + encode(url)));
			if (!url.isBlank()) {
				// an empty url may fairly mean "no url", which lists recent posts
				cases.add(new Case("source of " + abbreviate(url), get("/micropub?q=source&url=" + encode(url), ALL)));
			}
		}
		for (String url : List.of("null", "1", "[\"" + seedUrl() + "\"]", "{\"value\": \"" + seedUrl() + "\"}")) {
			cases.add(json("delete with url " + url, "{\"action\": \"delete\", \"url\": " + url + "}"));
			cases.add(json("update with url " + url,
					"{\"action\": \"update\", \"url\": " + url + ", \"replace\": {\"content\": [\"x\"]}}"));
		}
		cases.add(json("delete without url", "{\"action\": \"delete\"}"));
		cases.add(json("update without url", "{\"action\": \"update\", \"replace\": {\"content\": [\"x\"]}}"));
		cases.add(form("form delete without url", "action=delete"));
		for (String operation : List.of("\"replace\": \"x\"", "\"replace\": {\"content\": \"hello moon\"}",
				"\"replace\": []", "\"replace\": [\"content\"]", "\"replace\": null", "\"replace\": {\"content\": [1]}",
				"\"replace\": {\"content\": [null]}", "\"replace\": {\"content\": [[\"x\"]]}",
				"\"replace\": {\"content\": [{\"html\": 1}]}", "\"replace\": {\"content\": [{}]}",
				"\"replace\": {\"category\": 5}", "\"replace\": {\"published\": [\"yesterday\"]}",
				"\"replace\": {\"post-status\": [\"later\"]}", "\"add\": \"x\"", "\"add\": [\"category\"]",
				"\"add\": {\"category\": \"x\"}", "\"add\": {\"category\": [null]}",
				"\"add\": {\"category\": [[\"x\"]]}", "\"add\": null", "\"delete\": \"category\"", "\"delete\": 1",
				"\"delete\": [1]", "\"delete\": [[\"category\"]]", "\"delete\": {\"category\": \"x\"}",
				"\"delete\": {\"category\": 1}", "\"delete\": null",
				"\"delete\": [\"content\"], \"replace\": {\"content\": \"x\"}",
				"\"replace\": {\"content\": [\"ok\"]}, \"add\": {\"category\": \"not a list\"}",
				"\"replace\": {\"content\": [\"ok\"]}, \"delete\": \"category\"")) {
			cases.add(json("update with " + abbreviate(operation),
					"{\"action\": \"update\", \"url\": \"" + seedUrl() + "\", " + operation + "}"));
		}
	}

	private static void queries(List<Case> cases) {
		for (String query : List.of("", "q=", "q=nonsense", "q=source&url=", "q=source&limit=0", "q=source&limit=-1",
				"q=source&limit=101", "q=source&limit=1000000", "q=source&limit=lots", "q=source&limit=1.5",
				"q=source&limit=1e2", "q=source&limit=99999999999999999999", "q=source&limit=0x10",
				"q=source&limit=%00", "q=source&after=-1", "q=source&after=abc", "q=source&after=1.5",
				"q=source&after=99999999999999999999", "q=source&after=%00", "q=source&limit=5&after=-5",
				"q=source&properties%5B%5D=content&url=" + encode(SITE + "notes/nope"),
				"q=source&properties=content&url=javascript%3Aalert(1)", "q=%3Cscript%3E", "q=source%00")) {
			cases.add(new Case("GET /micropub?" + query, get("/micropub?" + query, ALL)));
		}
	}

	private static void tokens(List<Case> cases) {
		String create = "h=entry&content=" + encode("bad token");
		String jsonCreate = "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"bad token\"]}}";
		Map<String, String> bad = new TreeMap<>();
		bad.put("no token", null);
		bad.put("a garbage token", "garbage");
		bad.put("an expired token", EXPIRED);
		bad.put("someone else's token", SOMEONE_ELSE);
		bad.put("a token with a suffix", ALL + "x");
		bad.put("a truncated token", ALL.substring(0, ALL.length() - 1));
		bad.put("two tokens", ALL + " " + ALL);
		bad.put("a 6000-character token", "t".repeat(6000));
		bad.put("a token's SHA-256", Sha256.hex(ALL));
		bad.forEach((name, token) -> {
			cases.add(new Case("form create with " + name, post("/micropub", token, FORM, utf8(create))));
			cases.add(new Case("JSON create with " + name, post("/micropub", token, JSON, utf8(jsonCreate))));
			cases.add(new Case("q=config with " + name, get("/micropub?q=config", token)));
			cases.add(new Case("form delete with " + name,
					post("/micropub", token, FORM, utf8("action=delete&url=" + encode(seedUrl())))));
			cases.add(new Case("media upload with " + name, upload(token,
					new Multipart().file("file", "a.jpg", "image/jpeg", TestImages.painted("jpg", Color.MAGENTA)))));
		});
		for (String header : List.of("Basic " + ALL, "Bearer", "Bearer ", "bearer", "Token " + ALL, ALL,
				"Bearer " + "\u00e9".repeat(10))) {
			cases.add(new Case("Authorization: " + abbreviate(header.replace(ALL, "<token>")),
					request("/micropub").header("Content-Type", FORM)
						.header("Authorization", header)
						.POST(HttpRequest.BodyPublishers.ofString(create))));
		}
		cases.add(new Case("Authorization header twice",
				request("/micropub").header("Content-Type", FORM)
					.header("Authorization", "Bearer garbage")
					.header("Authorization", "Bearer " + ALL)
					.POST(HttpRequest.BodyPublishers.ofString(create + "&post-status=later"))));
		cases.add(new Case("a 10 KB Authorization header",
				request("/micropub").header("Content-Type", FORM)
					.header("Authorization", "Bearer " + "t".repeat(10_000))
					.POST(HttpRequest.BodyPublishers.ofString(create))));
		cases.add(new Case("update-only token creates", post("/micropub", UPDATE_ONLY, FORM, utf8(create))));
		cases.add(new Case("create-only token deletes",
				post("/micropub", CREATE_ONLY, FORM, utf8("action=delete&url=" + encode(seedUrl())))));
		cases.add(new Case("create-only token updates", post("/micropub", CREATE_ONLY, JSON, utf8(
				"{\"action\": \"update\", \"url\": \"" + seedUrl() + "\", \"replace\": {\"content\": [\"mine\"]}}"))));
		cases.add(new Case("create-only token undeletes", post("/micropub", CREATE_ONLY, JSON,
				utf8("{\"action\": \"undelete\", \"url\": \"" + seedUrl() + "\"}"))));
		// the media endpoint takes a token with media or create, as many clients ask only
		// for create
		cases.add(new Case("update-only token uploads", upload(UPDATE_ONLY,
				new Multipart().file("file", "a.jpg", "image/jpeg", TestImages.painted("jpg", Color.PINK)))));
		cases.add(new Case("access_token twice, same value",
				post("/micropub", null, FORM, utf8(create + "&access_token=" + ALL + "&access_token=" + ALL))));
		cases.add(new Case("access_token twice, one garbage",
				post("/micropub", null, FORM, utf8("access_token=garbage&" + create + "&access_token=" + ALL))));
		cases.add(new Case("access_token twice, empty first",
				post("/micropub", null, FORM, utf8("access_token=&" + create + "&access_token=" + ALL))));
		cases.add(new Case("access_token in the body and the header",
				post("/micropub", ALL, FORM, utf8(create + "&access_token=" + ALL))));
		cases.add(new Case("access_token with an invalid UTF-8 byte after it",
				post("/micropub", null, FORM, utf8(create + "&access_token=" + ALL + "%FF"))));
		cases.add(new Case("access_token twice in a form delete", post("/micropub", null, FORM,
				utf8("action=delete&url=" + encode(seedUrl()) + "&access_token=" + ALL + "&access_token=" + ALL))));
		cases.add(new Case("access_token in a JSON body only",
				post("/micropub", null, JSON,
						utf8("{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"]}, \"access_token\": \""
								+ ALL + "\"}"))));
		cases.add(new Case("access_token twice in the query",
				get("/micropub?q=config&access_token=" + ALL + "&access_token=" + ALL, null)));
		cases.add(new Case("access_token in the query and the header",
				get("/micropub?q=config&access_token=" + ALL, ALL)));
		cases.add(new Case("access_token twice in multipart",
				post("/micropub", null, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.field("access_token", ALL)
							.field("access_token", ALL)
							.bytes())));
		cases.add(new Case("access_token in multipart and the header",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry").field("content", "x").field("access_token", ALL).bytes())));
	}

	private static void multipart(List<Case> cases) {
		byte[] jpeg = TestImages.painted("jpg", Color.CYAN);
		byte[] valid = new Multipart().field("h", "entry")
			.field("content", "multipart")
			.file("photo", "a.jpg", "image/jpeg", jpeg)
			.bytes();
		cases.add(new Case("multipart without a boundary", post("/micropub", ALL, "multipart/form-data", valid)));
		cases.add(new Case("multipart with an empty boundary",
				post("/micropub", ALL, "multipart/form-data; boundary=", valid)));
		cases.add(new Case("multipart with the wrong boundary",
				post("/micropub", ALL, "multipart/form-data; boundary=not-the-one", valid)));
		cases.add(new Case("multipart cut short",
				post("/micropub", ALL, new Multipart().contentType(), Arrays.copyOf(valid, valid.length / 2))));
		cases.add(new Case("multipart that is JSON", post("/micropub", ALL, new Multipart().contentType(),
				utf8("{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"]}}"))));
		cases.add(new Case("multipart that is empty",
				post("/micropub", ALL, new Multipart().contentType(), new byte[0])));
		cases.add(new Case("multipart without h", post("/micropub", ALL, new Multipart().contentType(),
				new Multipart().field("content", "no h").file("photo", "a.jpg", "image/jpeg", jpeg).bytes())));
		cases.add(new Case("multipart with h=event", post("/micropub", ALL, new Multipart().contentType(),
				new Multipart().field("h", "event").field("content", "x").bytes())));
		cases.add(new Case("multipart with nothing but h",
				post("/micropub", ALL, new Multipart().contentType(), new Multipart().field("h", "entry").bytes())));
		cases.add(new Case("multipart photo that is text",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.file("photo", "a.jpg", "image/jpeg", utf8("this is not a JPEG at all"))
							.bytes())));
		cases.add(new Case("multipart photo that is HTML",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.file("photo", "a.png", "image/png", utf8("<html><script>alert(1)</script></html>"))
							.bytes())));
		cases
			.add(new Case("multipart photo that is SVG",
					post("/micropub", ALL, new Multipart().contentType(), new Multipart().field("h", "entry")
						.field("content", "x")
						.file("photo", "a.svg", "image/svg+xml",
								utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"))
						.bytes())));
		// an empty file part may fairly be read as "no photo", so this one has no content
		// either
		cases.add(new Case("multipart with only an empty photo", post("/micropub", ALL, new Multipart().contentType(),
				new Multipart().field("h", "entry").file("photo", "a.jpg", "image/jpeg", new byte[0]).bytes())));
		cases.add(new Case("multipart photo over MEDIA_MAX_BYTES",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.file("photo", "big.jpg", "image/jpeg", oversizedJpeg())
							.bytes())));
		cases.add(new Case("multipart with a good photo and a text one",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.file("photo[]", "a.jpg", "image/jpeg", jpeg)
							.file("photo[]", "b.jpg", "image/jpeg", utf8("not an image"))
							.bytes())));
		cases.add(new Case("multipart with a good photo and a reserved slug",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.field("mp-slug", "admin")
							.file("photo", "a.jpg", "image/jpeg", jpeg)
							.bytes())));
		cases.add(new Case("multipart with a good photo and bad post-status",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.field("post-status", "later")
							.file("photo", "a.jpg", "image/jpeg", jpeg)
							.bytes())));
		cases.add(new Case("multipart content with invalid UTF-8",
				post("/micropub", ALL, new Multipart().contentType(), concat(utf8(
						"--starpunk-test-boundary-7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"h\"\r\n\r\n"
								+ "entry\r\n--starpunk-test-boundary-7MA4YWxkTrZu0gW\r\n"
								+ "Content-Disposition: form-data; name=\"content\"\r\n\r\nbad "),
						bytes(0xC3, 0x28), utf8("\r\n--starpunk-test-boundary-7MA4YWxkTrZu0gW--\r\n")))));
		cases.add(new Case("multipart with a NUL in content", post("/micropub", ALL, new Multipart().contentType(),
				new Multipart().field("h", "entry").field("content", "a\u0000b").bytes())));
		cases.add(new Case("multipart with a part without a name",
				post("/micropub", ALL, new Multipart().contentType(),
						utf8("--starpunk-test-boundary-7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data\r\n\r\nx\r\n"
								+ "--starpunk-test-boundary-7MA4YWxkTrZu0gW--\r\n"))));
		cases.add(new Case("multipart action with an unknown URL", post("/micropub", ALL, new Multipart().contentType(),
				new Multipart().field("action", "delete").field("url", SITE + "notes/no-such-note").bytes())));
	}

	/** A parameter read as one value, sent twice: which one was meant is not guessed. */
	private static void repeatedSingleValues(List<Case> cases) {
		String seed = encode(seedUrl());
		String other = encode(SITE + "notes/no-such-note");
		for (String form : List.of("action=delete&url=" + seed + "&url=" + seed,
				"action=delete&url=" + seed + "&url=" + other, "action=delete&url=" + other + "&url=" + seed,
				"action=delete&url=" + seed + "&url%5B%5D=" + other, "action=delete&action=undelete&url=" + seed,
				"action=delete&action=delete&url=" + seed, "action%5B%5D=delete&url=" + seed + "&url=" + seed,
				"h=entry&h=entry&content=twice", "h=entry&h=event&content=twice", "h=entry&content=one&content=two",
				"h=entry&content=one&content%5B%5D=two", "h=entry&content%5B%5D=one&content%5B%5D=two",
				"h=entry&content=x&published=2025-01-02&published=2025-01-03",
				"h=entry&content=x&post-status=draft&post-status=published",
				"h=entry&content=x&mp-slug=one&mp-slug=two", "h=entry&content=x&mp-slug=one&mp-slug%5B%5D=two")) {
			cases.add(form("repeated in a form: " + form.replace(seed, "<seed>"), form));
		}
		cases.add(new Case("url in the query and the form body",
				post("/micropub?url=" + other, ALL, FORM, utf8("action=delete&url=" + seed))));
		cases.add(new Case("action in the query and the form body",
				post("/micropub?action=undelete", ALL, FORM, utf8("action=delete&url=" + seed))));
		cases.add(new Case("mp-slug in the query and the form body",
				post("/micropub?mp-slug=one", ALL, FORM, utf8("h=entry&content=x&mp-slug=two"))));
		cases.add(new Case("url twice in a multipart delete",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("action", "delete")
							.field("url", seedUrl())
							.field("url", SITE + "notes/no-such-note")
							.bytes())));
		cases.add(new Case("url in the query and a multipart delete",
				post("/micropub?url=" + other, ALL, new Multipart().contentType(),
						new Multipart().field("action", "delete").field("url", seedUrl()).bytes())));
		cases.add(new Case("content twice in a multipart create", post("/micropub", ALL, new Multipart().contentType(),
				new Multipart().field("h", "entry").field("content", "one").field("content", "two").bytes())));
		cases.add(new Case("mp-slug twice in a multipart create with a photo",
				post("/micropub", ALL, new Multipart().contentType(),
						new Multipart().field("h", "entry")
							.field("content", "x")
							.field("mp-slug", "one")
							.field("mp-slug", "two")
							.file("photo", "a.jpg", "image/jpeg", TestImages.painted("jpg", Color.ORANGE))
							.bytes())));
		for (String query : List.of("q=config&q=config", "q=source&q=config", "q=source&url=" + seed + "&url=" + seed,
				"q=source&url=" + seed + "&url=" + other, "q=source&limit=1&limit=2", "q=source&after=0&after=1",
				"q=category&filter=a&filter=b", "q=config&q%5B%5D=config")) {
			cases
				.add(new Case("repeated in a query: " + query.replace(seed, "<seed>"), get("/micropub?" + query, ALL)));
		}
		cases.add(new Case("media: q twice", get("/micropub/media?q=last&q=last", ALL)));
		for (String body : List.of(
				"{\"action\": \"delete\", \"url\": \"" + seedUrl() + "\", \"url\": \"" + seedUrl() + "\"}",
				"{\"action\": \"delete\", \"action\": \"undelete\", \"url\": \"" + seedUrl() + "\"}",
				"{\"action\": \"update\", \"url\": \"" + seedUrl()
						+ "\", \"replace\": {\"content\": [\"one\"], \"content\": [\"two\"]}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"one\"], \"content\": [\"two\"]}}",
				"{\"type\": [\"h-entry\"], \"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"]}}")) {
			cases.add(json("repeated in JSON: " + abbreviate(body.replace(seedUrl(), "<seed>")), body));
		}
	}

	private static void media(List<Case> cases) {
		byte[] jpeg = TestImages.painted("jpg", Color.YELLOW);
		cases.add(new Case("media: a JPEG sent raw", post("/micropub/media", ALL, "image/jpeg", jpeg)));
		cases.add(new Case("media: JSON", post("/micropub/media", ALL, JSON, utf8("{\"file\": \"x\"}"))));
		cases.add(new Case("media: a form", post("/micropub/media", ALL, FORM, utf8("file=x"))));
		cases.add(new Case("media: no body", post("/micropub/media", ALL, null, new byte[0])));
		cases.add(new Case("media: multipart without a boundary", post("/micropub/media", ALL, "multipart/form-data",
				new Multipart().file("file", "a.jpg", "image/jpeg", jpeg).bytes())));
		cases.add(new Case("media: multipart cut short", post("/micropub/media", ALL, new Multipart().contentType(),
				Arrays.copyOf(new Multipart().file("file", "a.jpg", "image/jpeg", jpeg).bytes(), 100))));
		cases.add(new Case("media: no file part", upload(ALL, new Multipart().field("h", "entry"))));
		cases.add(new Case("media: file as a text field", upload(ALL, new Multipart().field("file", "not a file"))));
		cases.add(new Case("media: empty file",
				upload(ALL, new Multipart().file("file", "a.jpg", "image/jpeg", new byte[0]))));
		cases.add(new Case("media: text claiming JPEG",
				upload(ALL, new Multipart().file("file", "a.jpg", "image/jpeg", utf8("plain text, not a JPEG")))));
		cases.add(new Case("media: HTML claiming PNG", upload(ALL,
				new Multipart().file("file", "a.png", "image/png", utf8("<!doctype html><script>alert(1)</script>")))));
		cases.add(new Case("media: SVG", upload(ALL, new Multipart().file("file", "a.svg", "image/svg+xml",
				utf8("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")))));
		cases.add(new Case("media: PDF", upload(ALL,
				new Multipart().file("file", "a.pdf", "application/pdf", utf8("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n")))));
		cases.add(new Case("media: over MEDIA_MAX_BYTES",
				upload(ALL, new Multipart().file("file", "big.jpg", "image/jpeg", oversizedJpeg()))));
		cases.add(new Case("media: a NUL in the file name and text inside",
				upload(ALL, new Multipart().file("file", "a\u0000.jpg", "image/jpeg", utf8("not an image")))));
		cases.add(new Case("media: a path in the file name and text inside", upload(ALL,
				new Multipart().file("file", "../../notes/evil.md", "image/jpeg", utf8("# not an image")))));
		cases.add(new Case("media: GET", get("/micropub/media?q=last", null)));
	}

	private static void generated(List<Case> cases, Random random) {
		String template = "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"generated\"], "
				+ "\"category\": [\"one\", \"two\"], \"name\": [\"A name\"], \"photo\": [\"https://example.com/a.jpg\"], "
				+ "\"post-status\": [\"published\"], \"published\": [\"2025-01-02T03:04:05Z\"]}}";
		// one value of the wrong type at one place of an otherwise valid create
		Map<String, List<String>> wrongAt = new TreeMap<>();
		List<String> scalars = List.of("1", "-0.5", "true", "false", "null", "{}", "\"text\"", "[[\"x\"]]", "[1]",
				"[true]", "[null]", "[[]]", "{\"value\": 1}");
		wrongAt.put("type", List.of("1", "true", "null", "{}", "\"h-card\"", "[]", "[1]", "[null]", "[\"h-event\"]",
				"[[\"h-entry\"]]"));
		wrongAt.put("properties", List.of("1", "true", "null", "\"x\"", "[]", "[1]"));
		for (String property : List.of("content", "category", "name", "photo", "post-status", "published")) {
			// category may hold numbers, booleans and objects: only its nulls and nested
			// arrays are wrong
			wrongAt.put(property,
					scalars.stream()
						.filter((value) -> !property.equals("category")
								|| List.of("null", "[null]", "[[\"x\"]]", "[[]]", "\"text\"").contains(value))
						.toList());
		}
		List<String> places = new ArrayList<>(wrongAt.keySet());
		for (int i = 0; i < 45; i++) {
			String place = places.get(random.nextInt(places.size()));
			List<String> values = wrongAt.get(place);
			String value = values.get(random.nextInt(values.size()));
			JsonNode body = json.readTree(template);
			String text;
			if (place.equals("type") || place.equals("properties")) {
				text = replaceTop(template, place, value);
			}
			else {
				text = replaceProperty(body, place, value, random);
			}
			cases.add(json("generated " + i + ": " + place + " = " + abbreviate(value), text));
		}
		// valid requests cut short
		List<String> valid = List.of(template, "{\"action\": \"delete\", \"url\": \"" + seedUrl() + "\"}",
				"{\"action\": \"update\", \"url\": \"" + seedUrl()
						+ "\", \"replace\": {\"content\": [\"moon\"]}, \"add\": {\"category\": [\"x\"]}}",
				"{\"type\": [\"h-entry\"], \"properties\": {\"content\": [{\"html\": \"<p>cut <b>short</b></p>\"}], "
						+ "\"checkin\": [{\"type\": [\"h-card\"], \"properties\": {\"name\": [\"Somewhere\"]}}]}}");
		for (int i = 0; i < 24; i++) {
			String body = valid.get(random.nextInt(valid.size()));
			int cut = random.nextInt(body.length());
			cases.add(json("truncated " + i + " at " + cut, body.substring(0, cut)));
		}
		// random bytes with random content types
		List<String> types = new ArrayList<>(List.of(JSON, FORM, "multipart/form-data; boundary=xyz",
				"multipart/form-data", "text/plain", "application/octet-stream", "image/jpeg", "application/xml",
				"application/json; charset=utf-8", "text/html", "*/*",
				"application/x-www-form-urlencoded; charset=koi8-r", "garbage", "application/", ";;;"));
		for (int i = 0; i < 24; i++) {
			byte[] body = new byte[random.nextInt(2048)];
			random.nextBytes(body);
			String type = (random.nextInt(8) == 0) ? null : types.get(random.nextInt(types.size()));
			cases.add(new Case("random bytes " + i + " as " + type, post("/micropub", ALL, type, body)));
		}
		for (int i = 0; i < 12; i++) {
			byte[] body = new byte[random.nextInt(4096)];
			random.nextBytes(body);
			String type = types.get(random.nextInt(types.size()));
			cases.add(new Case("random bytes " + i + " to media as " + type, post("/micropub/media", ALL, type, body)));
		}
		for (int i = 0; i < 8; i++) {
			byte[] file = new byte[1 + random.nextInt(4096)];
			random.nextBytes(file);
			file[0] = 0x42;
			cases.add(new Case("random file " + i + " to media",
					upload(ALL, new Multipart().file("file", "random.jpg", "image/jpeg", file))));
		}
		// random forms that are never a valid create
		List<String> names = List.of("content", "category", "category[]", "photo", "name", "published", "mp-slug",
				"post-status", "url", "in-reply-to", "h");
		for (int i = 0; i < 15; i++) {
			StringBuilder form = new StringBuilder("h=").append(encode("not-entry-" + randomText(random, 8)));
			int fields = random.nextInt(6);
			for (int j = 0; j < fields; j++) {
				String name = names.get(random.nextInt(names.size()));
				if (name.equals("h")) {
					continue;
				}
				form.append('&').append(encode(name)).append('=').append(encode(randomText(random, 40)));
			}
			cases.add(form("random form " + i, form.toString()));
		}
		// random queries
		for (int i = 0; i < 8; i++) {
			cases.add(new Case("random query " + i, get(
					"/micropub?q=" + encode("x-" + randomText(random, 20)) + "&url=" + encode(randomText(random, 30)),
					ALL)));
		}
	}

	// checking

	private static void assertRefused(Case hostile) throws IOException {
		List<String> filesBefore = files();
		HttpResponse<byte[]> response = send(hostile.request());
		String body = text(response);
		assertThat(response.statusCode()).as("%s answered: %s", hostile.name(), abbreviate(body)).isBetween(400, 499);
		assertThat(files()).as("files left behind by the refused request: %s", hostile.name()).isEqualTo(filesBefore);
		assertThat(body).doesNotContain("Exception").doesNotContain("at io.starpunk");
		for (String secret : SECRETS) {
			assertThat(body).as("a token in the answer").doesNotContain(secret);
		}
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (type.startsWith("application/json") || type.contains("+json")) {
			JsonNode error = json.readTree(body);
			assertThat(error.path("error").isString()).as(body).isTrue();
			assertThat(error.path("error").asString()).as(body).isNotBlank();
		}
	}

	/** The files under the notes and media folders, a cheap check after every request. */
	private static List<String> files() throws IOException {
		List<String> files = new ArrayList<>();
		for (String folder : List.of("notes", "media")) {
			Path root = dataPath.resolve(folder);
			if (Files.exists(root)) {
				try (Stream<Path> walk = Files.walk(root)) {
					walk.filter(Files::isRegularFile)
						.map((file) -> dataPath.relativize(file).toString())
						.forEach(files::add);
				}
			}
		}
		files.sort(null);
		return files;
	}

	/** What the fuzzing must not change. */
	record State(Map<String, String> files, List<Map<String, String>> notes, List<Map<String, String>> properties,
			List<Map<String, String>> media, List<Map<String, String>> counts) {

		static State read() throws Exception {
			Map<String, String> files = new TreeMap<>();
			for (String folder : List.of("notes", "media")) {
				Path root = dataPath.resolve(folder);
				if (!Files.exists(root)) {
					continue;
				}
				try (Stream<Path> walk = Files.walk(root)) {
					for (Path file : walk.filter(Files::isRegularFile).toList()) {
						files.put(dataPath.relativize(file).toString(), Sha256.hex(Files.readAllBytes(file)));
					}
				}
			}
			Path db = dataPath.resolve("starpunk.db");
			return new State(files, Sqlite.rows(db, "SELECT * FROM notes ORDER BY id"),
					Sqlite.rows(db, "SELECT * FROM note_properties ORDER BY note_id"),
					Sqlite.rows(db, "SELECT * FROM media ORDER BY id"),
					Sqlite.rows(db, "SELECT (SELECT count(*) FROM notes) AS notes, "
							+ "(SELECT count(*) FROM note_properties) AS properties, (SELECT count(*) FROM media) AS media"));
		}

		/** What changed from this state to a later one, one line per file or row. */
		List<String> differences(State later) {
			List<String> changes = new ArrayList<>();
			this.files.forEach((file, hash) -> {
				if (!later.files.containsKey(file)) {
					changes.add("file removed: " + file);
				}
				else if (!later.files.get(file).equals(hash)) {
					changes.add("file changed: " + file);
				}
			});
			later.files.keySet()
				.stream()
				.filter((file) -> !this.files.containsKey(file))
				.forEach((file) -> changes.add("file added: " + file));
			rows("notes", this.notes, later.notes, changes);
			rows("note_properties", this.properties, later.properties, changes);
			rows("media", this.media, later.media, changes);
			if (!this.counts.equals(later.counts)) {
				changes.add("counts " + this.counts + " became " + later.counts);
			}
			return changes;
		}

		private static void rows(String table, List<Map<String, String>> before, List<Map<String, String>> after,
				List<String> changes) {
			before.stream()
				.filter((row) -> !after.contains(row))
				.forEach((row) -> changes.add(table + " row changed or removed: " + abbreviate(row.toString())));
			after.stream()
				.filter((row) -> !before.contains(row))
				.forEach((row) -> changes.add(table + " row added or changed: " + abbreviate(row.toString())));
		}

	}

	record Case(String name, HttpRequest request) {

		Case(String name, HttpRequest.Builder request) {
			this(name, request.timeout(Duration.ofSeconds(30)).build());
		}

	}

	// requests

	private static Case json(String name, String body) {
		return new Case(name, post("/micropub", ALL, JSON, utf8(body)));
	}

	private static Case form(String name, String body) {
		return new Case(name, post("/micropub", ALL, FORM, utf8(body)));
	}

	private static HttpRequest.Builder upload(String token, Multipart body) {
		return post("/micropub/media", token, body.contentType(), body.bytes());
	}

	private static HttpRequest.Builder post(String path, String token, String contentType, byte[] body) {
		HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static HttpRequest.Builder get(String pathAndQuery, String token) {
		HttpRequest.Builder request = request(pathAndQuery).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(java.net.URI.create(server.uri("/").toString() + pathAndQuery.substring(1)));
	}

	private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
		return send(request.timeout(Duration.ofSeconds(30)).build());
	}

	private static HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// values

	private static String seedUrl() {
		return (seed != null) ? seed : SITE + "notes/fuzz-seed";
	}

	private static String replaceTop(String template, String key, String value) {
		JsonNode body = json.readTree(template);
		StringBuilder text = new StringBuilder("{");
		for (String name : body.propertyNames()) {
			if (text.length() > 1) {
				text.append(", ");
			}
			text.append(json.writeValueAsString(name))
				.append(": ")
				.append(name.equals(key) ? value : body.get(name).toString());
		}
		return text.append('}').toString();
	}

	private static String replaceProperty(JsonNode body, String property, String value, Random random) {
		StringBuilder text = new StringBuilder("{\"type\": [\"h-entry\"], \"properties\": {");
		boolean first = true;
		for (String name : body.path("properties").propertyNames()) {
			if (!first) {
				text.append(", ");
			}
			first = false;
			String values = body.path("properties").get(name).toString();
			if (name.equals(property)) {
				// either the whole value list, or one value inside it, is of the wrong
				// type
				boolean whole = random.nextBoolean() || value.startsWith("[");
				values = whole ? value : "[" + value + "]";
				if (!whole && (value.equals("\"text\"") || value.equals("{}"))) {
					values = value;
				}
			}
			text.append(json.writeValueAsString(name)).append(": ").append(values);
		}
		return text.append("}}").toString();
	}

	private static String randomText(Random random, int maxLength) {
		String palette = "abcXYZ019 -_./:?#&=%+\"'\\<>{}[]\u0000\u0001\u001f\u007f\u00e9\u4e2d\u202e\ud83d\ude00\t\r\n";
		int length = 1 + random.nextInt(maxLength);
		StringBuilder text = new StringBuilder();
		while (text.length() < length) {
			int at = random.nextInt(palette.length());
			char c = palette.charAt(at);
			if (Character.isHighSurrogate(c)) {
				text.append(c).append(palette.charAt(at + 1));
			}
			else if (!Character.isLowSurrogate(c)) {
				text.append(c);
			}
		}
		return text.toString();
	}

	private static byte[] oversizedJpeg() {
		byte[] big = new byte[1024 * 1024 + 1];
		byte[] jpeg = TestImages.painted("jpg", Color.GRAY);
		System.arraycopy(jpeg, 0, big, 0, jpeg.length);
		return big;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02X", b & 0xFF));
		}
		return hex.toString();
	}

	private static String percent(byte[] bytes) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : bytes) {
			encoded.append('%').append(String.format("%02X", b & 0xFF));
		}
		return encoded.toString();
	}

	private static String abbreviate(String text) {
		String flat = text.replace("\u0000", "\\0").replaceAll("\\s+", " ");
		return (flat.length() <= 90) ? flat : flat.substring(0, 87) + "...";
	}

	private static void token(String token, String me, String scope, Instant expires) throws Exception {
		try (Connection connection = Sqlite.open(dataPath.resolve("starpunk.db"));
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
						VALUES (?, ?, 'https://fuzz.example/', ?, ?, ?)""")) {
			insert.setString(1, Sha256.hex(token));
			insert.setString(2, me);
			insert.setString(3, scope);
			insert.setString(4, SqlTime.text(expires.minusSeconds(86400 * 2)));
			insert.setString(5, SqlTime.text(expires));
			insert.executeUpdate();
		}
	}

}
