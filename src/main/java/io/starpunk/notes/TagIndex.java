package io.starpunk.notes;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code tags} and {@code note_tags} in step with the notes' {@code category}
 * properties, which are the truth: {@link #index} inside the transaction that writes a
 * note's properties, {@link #reconcile} once at start-up for notes written before the
 * index existed or changed outside the server. A tag is made with the first spelling
 * seen; a tag no note carries any more is removed, so that the next spelling used is the
 * one shown.
 */
@Component
class TagIndex {

	private static final Log log = LogFactory.getLog(TagIndex.class);

	private final TagRepository tags;

	private final NoteRepository notes;

	private final NotePropertiesRepository properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TagIndex(TagRepository tags, NoteRepository notes, NotePropertiesRepository properties,
			TransactionTemplate transactions, Clock clock) {
		this.tags = tags;
		this.notes = notes;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Whether a category is a tag: a word or phrase of at most
	 * {@value TagNames#MAX_LENGTH} characters with a non-empty name that can be one
	 * segment of its address, not a URL (a person tag).
	 * @param category a category as given
	 * @return whether it is a tag
	 */
	static boolean isTag(String category) {
		String display = TagNames.display(category);
		String lower = display.toLowerCase(Locale.ROOT);
		String name = TagNames.normalise(category);
		return !name.isEmpty() && display.length() <= TagNames.MAX_LENGTH && !lower.startsWith("http://")
				&& !lower.startsWith("https://") && addressable(name);
	}

	/**
	 * Whether a name can be one path segment of {@code /tags/<name>}: servlet containers
	 * refuse an encoded slash or backslash, and "." and ".." are no segment at all.
	 */
	private static boolean addressable(String name) {
		return name.indexOf('/') < 0 && name.indexOf('\\') < 0 && !name.equals(".") && !name.equals("..");
	}

	/**
	 * Makes a note's tags those of its categories. Runs in the caller's transaction.
	 * @param noteId the note
	 * @param categories its string categories
	 */
	void index(long noteId, List<String> categories) {
		Set<Long> wanted = new LinkedHashSet<>();
		for (String category : categories) {
			if (isTag(category)) {
				String name = TagNames.normalise(category);
				wanted.add(this.tags.idOf(name)
					.orElseGet(() -> this.tags.insert(name, TagNames.display(category), this.clock.instant())));
			}
		}
		Set<Long> had = this.tags.tagsOf(noteId);
		if (!had.equals(wanted)) {
			this.tags.replace(noteId, wanted);
			had.removeAll(wanted);
			this.tags.removeUnused(had);
		}
	}

	/**
	 * Makes every note's tags those of its categories, in one transaction, rewriting only
	 * the notes whose tags differ.
	 * @return how many notes had their tags rewritten
	 */
	int reconcile() {
		Integer changed = this.transactions.execute((status) -> {
			Map<String, Long> ids = this.tags.allIds();
			Map<Long, Set<Long>> current = this.tags.allNoteTags();
			Map<Long, List<String>> categories = this.properties.allCategories();
			int rewritten = 0;
			for (long noteId : this.notes.allIdsOldestFirst()) {
				Set<Long> wanted = new HashSet<>();
				for (String category : categories.getOrDefault(noteId, List.of())) {
					if (isTag(category)) {
						String name = TagNames.normalise(category);
						wanted.add(ids.computeIfAbsent(name,
								(key) -> this.tags.insert(key, TagNames.display(category), this.clock.instant())));
					}
				}
				if (!wanted.equals(current.getOrDefault(noteId, Set.of()))) {
					this.tags.replace(noteId, wanted);
					rewritten++;
				}
			}
			int removed = this.tags.removeAllUnused();
			if (rewritten > 0 || removed > 0) {
				log.info("Tags brought up to date with the notes' categories: " + rewritten + " notes re-indexed, "
						+ removed + " unused tags removed");
			}
			return rewritten;
		});
		return (changed != null) ? changed : 0;
	}

}
