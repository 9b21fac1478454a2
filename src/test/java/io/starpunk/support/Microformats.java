package io.starpunk.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages as a microformats2 consumer reads them: parsed by mf2py, the microformats
 * community's reference-grade Python parser, as Debian packages it
 * ({@code apt-get install python3-mf2py}), run by Debian's Python.
 */
public final class Microformats {

	private static final Path PYTHON = Paths.get("/usr/bin/python3");

	private static final String SCRIPT = "import mf2py,json,sys; "
			+ "print(json.dumps(mf2py.parse(doc=sys.stdin.read(), url=sys.argv[1])))";

	private static final JsonMapper json = JsonMapper.builder().build();

	private Microformats() {
	}

	/**
	 * The parsed document: {@code items}, {@code rels} and {@code rel-urls}, as the
	 * microformats2 parsing specification gives them.
	 * @param html the page
	 * @param url the page's address, against which relative URLs resolve
	 * @return mf2py's JSON
	 */
	public static JsonNode parse(String html, String url) {
		Path errors = null;
		try {
			errors = Files.createTempFile("mf2py", ".err");
			Process process = new ProcessBuilder(List.of(PYTHON.toString(), "-c", SCRIPT, url))
				.redirectError(errors.toFile())
				.start();
			try (OutputStream in = process.getOutputStream()) {
				in.write(html.getBytes(StandardCharsets.UTF_8));
			}
			byte[] out = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						"mf2py failed (is python3-mf2py installed? apt-get install python3-mf2py): "
								+ Files.readString(errors));
			}
			return json.readTree(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("mf2py could not run: " + PYTHON + " with python3-mf2py is needed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (errors != null) {
				errors.toFile().delete();
			}
		}
	}

	/**
	 * The top-level items of a type.
	 * @param parsed what {@link #parse} returned
	 * @param type the type, such as {@code h-feed}
	 * @return the items, in document order
	 */
	public static List<JsonNode> items(JsonNode parsed, String type) {
		return parsed.path("items").valueStream().filter((item) -> isA(item, type)).toList();
	}

	/**
	 * Whether an item has a type.
	 * @param item an item
	 * @param type the type
	 * @return whether it is one
	 */
	public static boolean isA(JsonNode item, String type) {
		return item.path("type").valueStream().anyMatch((each) -> each.asString().equals(type));
	}

	/**
	 * The string values of an item's property; an embedded item or an {@code e-*} value
	 * gives its {@code value}, an image with alt text gives its URL.
	 * @param item an item
	 * @param property the property's name, such as {@code url}
	 * @return its values, empty when it has none
	 */
	public static List<String> values(JsonNode item, String property) {
		return item.path("properties")
			.path(property)
			.valueStream()
			.map((value) -> value.isString() ? value.asString() : value.path("value").asString())
			.toList();
	}

	/**
	 * The embedded items of a property, such as an entry's {@code author} h-card.
	 * @param item an item
	 * @param property the property
	 * @return the items among its values
	 */
	public static List<JsonNode> embedded(JsonNode item, String property) {
		return item.path("properties").path(property).valueStream().filter((value) -> value.has("type")).toList();
	}

}
