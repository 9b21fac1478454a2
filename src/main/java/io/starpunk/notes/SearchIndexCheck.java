package io.starpunk.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Jobs;
import io.starpunk.config.Sha256;

/**
 * Checks the search index against the notes at start-up: notes without a row are indexed
 * after every bean exists and before the web server opens its port; then, in the
 * background, a note whose row was made from a file that has changed since (edited by
 * hand, restored from a backup) is indexed again from its file, and rows of notes that no
 * longer exist are removed. An index that is empty (a database upgraded from an older
 * version, or adopted from StarPunk) is so rebuilt in full. Files are read and their text
 * made outside the database; the rows are written a batch per transaction.
 */
@Component
class SearchIndexCheck implements SmartInitializingSingleton {

	static final int BATCH = 500;

	private static final Log log = LogFactory.getLog(SearchIndexCheck.class);

	private final SearchIndexRepository index;

	private final NotePropertiesRepository properties;

	private final NoteFiles files;

	private final NoteSearch search;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	SearchIndexCheck(SearchIndexRepository index, NotePropertiesRepository properties, NoteFiles files,
			NoteSearch search, TransactionTemplate transactions, MeterRegistry meters) {
		this.index = index;
		this.properties = properties;
		this.files = files;
		this.search = search;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * Before the port opens: indexes the notes that have no row (an upgraded or adopted
	 * database), so that search finds every note from the first request.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		check(false);
	}

	/**
	 * Once the server is up: compares every row with its note's file, in the background,
	 * so that the start-up does not grow with the number of notes.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void checkInTheBackground() {
		Thread thread = new Thread(() -> {
			try {
				Jobs.run(this.meters, "search-index-check", this::check);
			}
			catch (RuntimeException ex) {
				log.warn("The search index could not be checked against the notes' files: " + ex.getMessage());
			}
		}, "starpunk-search-index-check");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	/**
	 * Mends the index: every note's row against its file.
	 * @return how many rows were written or removed
	 */
	int check() {
		return check(true);
	}

	/**
	 * Mends the index.
	 * @param compareFiles also compare notes that have a row with their files (reading
	 * and hashing every file); otherwise only notes without a row are indexed
	 * @return how many rows were written or removed
	 */
	private int check(boolean compareFiles) {
		// stale files are indexed a batch at a time as they are found, so that a full
		// rebuild holds at most BATCH files in memory, and each file is read and hashed
		// once
		List<Stale> batch = new ArrayList<>();
		int reindexed = 0;
		for (SearchIndexRepository.Indexed note : this.index.indexed()) {
			if (!compareFiles && note.indexedHash() != null) {
				continue;
			}
			byte[] content = read(note.filePath());
			String hash = (content != null) ? Sha256.hex(content) : "";
			if (!hash.equals(note.indexedHash())) {
				batch.add(new Stale(note.id(), note.filePath(), content, hash));
				if (batch.size() == BATCH) {
					reindexed += reindex(batch);
				}
			}
		}
		reindexed += reindex(batch);
		Integer removed = this.transactions.execute((status) -> this.index.deleteOrphans());
		int fixed = reindexed + ((removed != null) ? removed : 0);
		if (fixed > 0) {
			log.info("Search index checked against the notes: " + reindexed + " note(s) indexed again, " + removed
					+ " row(s) of purged notes removed");
		}
		return fixed;
	}

	/** Writes the rows of a batch in one transaction, and empties it. */
	private int reindex(List<Stale> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		Map<Long, NoteProperties> found = this.properties.findAll(batch.stream().map(Stale::id).toList());
		this.transactions.executeWithoutResult((status) -> batch.forEach((stale) -> {
			// read again inside the write transaction: a note changed through the app
			// since the file was first read is indexed as it is now, not as it was
			Stale note = stale.current(read(stale.filePath()));
			if (note.content() != null) {
				this.search.index(note.id(), note.content(), note.hash(),
						found.getOrDefault(note.id(), NoteProperties.NONE));
			}
			else {
				this.search.indexMissing(note.id());
			}
		}));
		int written = batch.size();
		batch.clear();
		return written;
	}

	private byte[] read(String filePath) {
		try {
			return this.files.exists(filePath) ? this.files.read(filePath) : null;
		}
		catch (RuntimeException ex) {
			// a path outside the notes folder, or a file that cannot be read: indexed as
			// empty
			return null;
		}
	}

	private record Stale(long id, String filePath, byte[] content, String hash) {

		Stale current(byte[] now) {
			return new Stale(this.id, this.filePath, now, (now != null) ? Sha256.hex(now) : "");
		}

	}

}
