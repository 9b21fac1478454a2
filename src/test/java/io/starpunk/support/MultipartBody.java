package io.starpunk.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body built by hand, as an app would send it: fields and
 * files with whatever name and type the test claims for them.
 */
public final class MultipartBody {

	private final String boundary = "starpunk-test-boundary-7MA4YWxkTrZu0gW";

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	public MultipartBody field(String name, String value) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
				+ "\r\n");
		return this;
	}

	public MultipartBody file(String name, String fileName, String contentType, byte[] content) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
		this.body.writeBytes(content);
		write("\r\n");
		return this;
	}

	/** The value of the request's {@code Content-Type} header. */
	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	public HttpRequest.BodyPublisher publisher() {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		all.writeBytes(this.body.toByteArray());
		all.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
	}

	private void write(String text) {
		this.body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
