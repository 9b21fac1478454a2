package io.starpunk.replycontext;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Service;

/** Reading the reply contexts kept: the pages and feeds show them beside a response. */
@Service
public class ReplyContexts {

	private final ReplyContextRepository contexts;

	ReplyContexts(ReplyContextRepository contexts) {
		this.contexts = contexts;
	}

	/**
	 * The contexts kept for these pages, read at once.
	 * @param urls the pages
	 * @return the context of each page that has one, by URL
	 */
	public Map<String, ReplyContext> find(Collection<String> urls) {
		return this.contexts.findAll(urls);
	}

}
