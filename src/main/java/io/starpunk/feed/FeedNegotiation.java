package io.starpunk.feed;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Which feed a client asked for with its {@code Accept} header, by q-value; RSS when it
 * accepts anything or says nothing.
 */
final class FeedNegotiation {

	private static final List<Offer> OFFERS = List.of(new Offer("application/rss+xml", FeedFormat.RSS),
			new Offer("application/atom+xml", FeedFormat.ATOM), new Offer("application/feed+json", FeedFormat.JSON),
			new Offer("application/json", FeedFormat.JSON), new Offer("application/xml", FeedFormat.RSS),
			new Offer("text/xml", FeedFormat.RSS));

	private FeedNegotiation() {
	}

	/**
	 * The feed to send.
	 * @param accept the {@code Accept} header, or {@code null}
	 * @return the format, or empty when the client accepts none of them
	 */
	static Optional<FeedFormat> choose(String accept) {
		if (accept == null || accept.isBlank()) {
			return Optional.of(FeedFormat.RSS);
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return Optional.of(FeedFormat.RSS);
		}
		Offer best = null;
		double bestQuality = 0;
		int bestSpecificity = -1;
		for (Offer offer : OFFERS) {
			MediaType match = accepted.stream()
				.filter((range) -> range.includes(offer.type()))
				.max(Comparator.comparingInt(FeedNegotiation::specificity))
				.orElse(null);
			if (match == null) {
				continue;
			}
			double quality = match.getQualityValue();
			int specificity = specificity(match);
			// the first offer wins ties, so RSS is chosen for */* and equal q-values
			if (quality > bestQuality || (quality == bestQuality && quality > 0 && specificity > bestSpecificity)) {
				best = offer;
				bestQuality = quality;
				bestSpecificity = specificity;
			}
		}
		return (best != null && bestQuality > 0) ? Optional.of(best.format()) : Optional.empty();
	}

	private static int specificity(MediaType range) {
		if (range.isWildcardType()) {
			return 0;
		}
		return range.isWildcardSubtype() ? 1 : 2;
	}

	private record Offer(MediaType type, FeedFormat format) {

		Offer(String type, FeedFormat format) {
			this(MediaType.parseMediaType(type), format);
		}

	}

}
