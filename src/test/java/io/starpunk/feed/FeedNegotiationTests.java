package io.starpunk.feed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FeedNegotiationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			application/rss+xml                                         | RSS
			application/atom+xml                                        | ATOM
			application/feed+json                                       | JSON
			application/json                                            | JSON
			application/xml                                             | RSS
			text/xml                                                    | RSS
			*/*                                                         | RSS
			application/*                                               | RSS
			application/feed+json;q=0.9, application/rss+xml;q=0.1      | JSON
			application/rss+xml;q=0.5, application/atom+xml             | ATOM
			text/html, application/xhtml+xml, */*;q=0.8                 | RSS
			*/*, application/atom+xml                                   | ATOM
			application/rss+xml;q=0, */*                                | ATOM
			image/png, application/json;q=0.2                           | JSON
			""")
	void choosesTheFormatTheClientPrefers(String accept, FeedFormat expected) {
		assertThat(FeedNegotiation.choose(accept)).contains(expected);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "not a media type;;;" })
	void choosesRssWhenTheClientSaysNothingUsable(String accept) {
		assertThat(FeedNegotiation.choose(accept)).contains(FeedFormat.RSS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "image/png", "text/html", "application/rss+xml;q=0", "*/*;q=0" })
	void choosesNothingWhenNoFeedIsAcceptable(String accept) {
		assertThat(FeedNegotiation.choose(accept)).isEmpty();
	}

}
