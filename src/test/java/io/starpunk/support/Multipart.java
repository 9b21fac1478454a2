package io.starpunk.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body built by hand, byte for byte, so tests can send what
 * a real client sends (and what a broken one sends).
 */
public final class Multipart {

	private final String boundary;

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	public Multipart(String boundary) {
		this.boundary = boundary;
	}

	public Multipart() {
		this("starpunk-test-boundary-7MA4YWxkTrZu0gW");
	}

	/** Adds a text field. */
	public Multipart field(String name, String value) {
		head("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
		this.body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
		this.body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		return this;
	}

	/** Adds a file. */
	public Multipart file(String name, String filename, String contentType, byte[] content) {
		head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
				+ "Content-Type: " + contentType + "\r\n\r\n");
		this.body.writeBytes(content);
		this.body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		return this;
	}

	/** The {@code Content-Type} header that goes with this body. */
	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/** The body, closed with the final boundary. */
	public byte[] bytes() {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		all.writeBytes(this.body.toByteArray());
		all.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return all.toByteArray();
	}

	/** The body, ready to send. */
	public HttpRequest.BodyPublisher publisher() {
		return HttpRequest.BodyPublishers.ofByteArray(bytes());
	}

	private void head(String headers) {
		this.body.writeBytes(("--" + this.boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
	}

}
