package io.starpunk.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 answer read off a raw socket, for tests that send what an HTTP client will
 * not (only a head, a body that never ends): the status, the headers (names in lower
 * case) and the body, read by its {@code Content-Length}, its chunks, or to the end.
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body as UTF-8
 */
public record RawResponse(int status, Map<String, String> headers, String body) {

	/**
	 * A header's value.
	 * @param name the header's name, in any case
	 * @return its value, or an empty string
	 */
	public String header(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
	}

	/**
	 * Reads one answer.
	 * @param in the socket's input
	 * @return the answer
	 * @throws IOException when the socket fails
	 */
	public static RawResponse read(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		byte[] body;
		if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
				out.writeBytes(in.readNBytes(size));
				line(in);
			}
			body = out.toByteArray();
		}
		else {
			body = in.readAllBytes();
		}
		return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static int chunkSize(InputStream in) throws IOException {
		return Integer.parseInt(line(in).split(";")[0].strip(), 16);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
