package io.starpunk.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an answer from another server, read up to a cap and no further: either cut
 * at the cap ({@link #truncated}) or refused once it goes past it
 * ({@link #refusedAbove}), so that no server can make this one hold more than the cap in
 * memory.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

	private final CompletableFuture<byte[]> result = new CompletableFuture<>();

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final int cap;

	private final boolean refuse;

	private Flow.Subscription subscription;

	private CappedBody(int cap, boolean refuse) {
		this.cap = cap;
		this.refuse = refuse;
	}

	/**
	 * The first {@code cap} bytes of a body; the rest is not read.
	 * @param cap how many bytes at most
	 * @return the subscriber
	 */
	public static CappedBody truncated(int cap) {
		return new CappedBody(cap, false);
	}

	/**
	 * A body of at most {@code cap} bytes; a longer one fails with {@link TooLarge}.
	 * @param cap how many bytes at most
	 * @return the subscriber
	 */
	public static CappedBody refusedAbove(int cap) {
		return new CappedBody(cap, true);
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.result;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.result.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			if (this.refuse && this.bytes.size() + buffer.remaining() > this.cap) {
				this.subscription.cancel();
				this.result.completeExceptionally(new TooLarge(this.cap));
				return;
			}
			int take = Math.min(buffer.remaining(), this.cap - this.bytes.size());
			byte[] chunk = new byte[take];
			buffer.get(chunk);
			this.bytes.write(chunk, 0, take);
			if (this.bytes.size() >= this.cap) {
				this.subscription.cancel();
				this.result.complete(this.bytes.toByteArray());
				return;
			}
		}
	}

	@Override
	public void onError(Throwable error) {
		this.result.completeExceptionally(error);
	}

	@Override
	public void onComplete() {
		this.result.complete(this.bytes.toByteArray());
	}

	/** A body longer than a {@link #refusedAbove} cap. */
	public static final class TooLarge extends IOException {

		TooLarge(int cap) {
			super("The answer is larger than " + cap + " bytes");
		}

	}

}
