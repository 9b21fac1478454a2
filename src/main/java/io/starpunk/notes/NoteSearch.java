package io.starpunk.notes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Full-text search over the notes, on SQLite's FTS5 with Porter stemming over Unicode
 * folding ("running" finds "run", "cafe" finds "café"). The index holds every note,
 * drafts and deleted ones too; {@link NoteService} rewrites a note's row in the
 * transaction that writes the note, and {@link SearchIndexCheck} mends the index at
 * start-up.
 */
@Service
public class NoteSearch implements MeterBinder {

	/** The most matches one page may hold. */
	public static final int MAX_LIMIT = 100;

	private final SearchIndexRepository index;

	private final SearchText text;

	/**
	 * Queries with more matches than this list them most recently written first instead
	 * of by relevance: ranking costs about a millisecond per thousand matches on a small
	 * server (bm25 is computed for every match before the best can be chosen), and a word
	 * in thousands of notes says little about which of them is meant.
	 */
	static final int RANKED_UP_TO = 1000;

	/** How many pages of visitors' results are kept. */
	static final int CACHED_PAGES = 512;

	private final int rankedUpTo;

	/**
	 * Visitors' result pages, by the notes' version they were read at: a page read before
	 * a change is stored under the old version and never served after it.
	 */
	private final Cache<CachedPage, SearchResults> pages = Caffeine.newBuilder()
		.maximumSize(CACHED_PAGES)
		.recordStats()
		.build();

	private final AtomicLong version = new AtomicLong();

	@Autowired
	NoteSearch(SearchIndexRepository index, SearchText text) {
		this(index, text, RANKED_UP_TO);
	}

	NoteSearch(SearchIndexRepository index, SearchText text, int rankedUpTo) {
		this.index = index;
		this.text = text;
		this.rankedUpTo = rankedUpTo;
	}

	/**
	 * Public notes (published, not deleted) that match, best first, then newest (or, when
	 * more than {@value #RANKED_UP_TO} match, most recently written first).
	 * @param query the query
	 * @param offset how many matches to skip
	 * @param limit how many to return (at most {@value #MAX_LIMIT})
	 * @return the page of matches and how many there are
	 */
	public SearchResults visible(SearchQuery query, int offset, int limit) {
		long at = this.version.get();
		CachedPage key = new CachedPage(at, query, offset, limit);
		SearchResults cached = this.pages.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		SearchResults found = search(query, SearchIndexRepository.VISIBLE, offset, limit);
		this.pages.put(key, found);
		return found;
	}

	/**
	 * Forgets every cached page once a change to the notes has been committed.
	 * @param event the change
	 */
	@EventListener
	void notesChanged(NotesChanged event) {
		this.version.incrementAndGet();
		this.pages.invalidateAll();
	}

	/**
	 * Every note that matches, drafts and deleted notes included, for the owner.
	 * @param query the query
	 * @param offset how many matches to skip
	 * @param limit how many to return (at most {@value #MAX_LIMIT})
	 * @return the page of matches and how many there are
	 */
	public SearchResults all(SearchQuery query, int offset, int limit) {
		return search(query, SearchIndexRepository.ALL, offset, limit);
	}

	private SearchResults search(SearchQuery query, String condition, int offset, int limit) {
		int from = Math.max(0, offset);
		int size = Math.max(1, Math.min(limit, MAX_LIMIT));
		int total = this.index.count(query.match(), condition);
		return new SearchResults(
				query, total > this.rankedUpTo, (from < total)
						? this.index.find(query.match(), condition, total <= this.rankedUpTo, from, size) : List.of(),
				total, from, size);
	}

	/**
	 * Writes a note's row of the index, in the caller's transaction.
	 * @param id the note
	 * @param content the bytes of its file
	 * @param contentHash their SHA-256, as the note's row holds it
	 * @param properties its properties
	 */
	void index(long id, byte[] content, String contentHash, NoteProperties properties) {
		String written = new String(content, StandardCharsets.UTF_8);
		this.index.save(id, this.text.title(written, properties), this.text.words(written, properties), contentHash);
	}

	/**
	 * Writes the row of a note whose file is missing: no words, and no hash, so that the
	 * file is indexed when it comes back.
	 * @param id the note
	 */
	void indexMissing(long id) {
		this.index.save(id, "", "", "");
	}

	/**
	 * A page of a visitor's results.
	 *
	 * @param version the notes' version it was read at
	 * @param query the query, as typed and as matched
	 * @param offset where the page starts
	 * @param limit its size
	 */
	private record CachedPage(long version, SearchQuery query, int offset, int limit) {
	}

	/**
	 * Its hits, misses, evictions and size, as the {@code cache.*} meters tagged
	 * {@code cache=note_search}.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.pages, "note_search");
	}

}
