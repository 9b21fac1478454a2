package io.starpunk.microformats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser against the cases of the microformats test suite
 * (github.com/microformats/tests, {@code tests/microformats-v2}, CC0) that this server
 * relies on: h-entry, h-card, nested h-cite, implied properties, rels, the value class
 * pattern, templates and vendor prefixes, copied to
 * {@code src/test/resources/microformats}. Each page is parsed at
 * {@code http://example.com/}, as the suite does, and compared with its JSON: maps
 * without regard to order, lists in page order, and text with runs of white space read as
 * one space (the suite's parsers differ there, and so may we).
 */
class MicroformatsSuiteTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	static final List<String> CASES = List.of("h-card/baseurl", "h-card/childimplied", "h-card/extendeddescription",
			"h-card/hcard", "h-card/hyperlinkedphoto", "h-card/impliedname", "h-card/impliedphoto", "h-card/impliedurl",
			"h-card/impliedurlempty", "h-card/justahyperlink", "h-card/justaname", "h-card/nested", "h-card/p-property",
			"h-card/relativeurls", "h-card/relativeurlsempty", "h-entry/encoding", "h-entry/impliedname",
			"h-entry/impliedvalue-nested", "h-entry/justahyperlink", "h-entry/justaname", "h-entry/scriptstyletags",
			"h-entry/summarycontent", "h-entry/u-property", "h-entry/urlincontent", "h-event/ampm", "h-event/attendees",
			"h-event/combining", "h-event/concatenate", "h-event/dates", "h-event/dt-property",
			"h-event/justahyperlink", "h-event/justaname", "h-event/time", "h-feed/implied-title", "h-feed/simple",
			"h-geo/abbrpattern", "h-geo/altitude", "h-geo/hidden", "h-geo/justaname", "h-geo/simpleproperties",
			"h-geo/valuetitleclass", "mixed/id", "mixed/ignoretemplate", "mixed/vendorprefix",
			"mixed/vendorprefixproperty", "rel/duplicate-rels", "rel/license", "rel/nofollow", "rel/rel-urls",
			"rel/varying-text-duplicate-rels", "rel/xfn-all", "rel/xfn-elsewhere");

	static Stream<String> cases() {
		return CASES.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void parsesAsTheSuiteExpects(String name) {
		String html = resource(name + ".html");
		JsonNode expected = normalised(json.readTree(resource(name + ".json")));
		Mf2Document parsed = Microformats.parse(html, URI.create("http://example.com/"));
		JsonNode actual = normalised(json.valueToTree(parsed.toMap()));
		assertThat(actual).as(name).isEqualTo(expected);
	}

	/** The JSON with text white space collapsed. */
	static JsonNode normalised(JsonNode node) {
		if (node.isString()) {
			return StringNode.valueOf(node.asString().replaceAll("\\s+", " ").strip());
		}
		if (node.isArray()) {
			ArrayNode array = JsonNodeFactory.instance.arrayNode();
			for (JsonNode element : node) {
				array.add(normalised(element));
			}
			return array;
		}
		if (node.isObject()) {
			ObjectNode object = JsonNodeFactory.instance.objectNode();
			List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
			for (Map.Entry<String, JsonNode> entry : entries) {
				object.set(entry.getKey(), normalised(entry.getValue()));
			}
			return object;
		}
		return node;
	}

	static String resource(String name) {
		try (InputStream in = MicroformatsSuiteTests.class.getResourceAsStream("/microformats/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no test resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
