package io.starpunk.media;

import org.springframework.http.HttpStatus;

/**
 * An upload the media store will not keep, with the status a client is answered (400 for
 * an empty file, 413 for one that is too large, 415 for one that is not an accepted
 * image) and a message fit to show it.
 */
public class MediaRefusedException extends RuntimeException {

	private final HttpStatus status;

	MediaRefusedException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * The status to answer with.
	 * @return 400, 413 or 415
	 */
	public HttpStatus status() {
		return this.status;
	}

}
