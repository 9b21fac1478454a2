package io.starpunk.notes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * What the tags index answers: a tag by any spelling, the public notes of a tag a page at
 * a time, every tag with its count of public notes, and a note's categories as tags.
 * Drafts and deleted notes are never counted or listed.
 */
@Service
public class Tags {

	/** The most tags the owner's editor takes for one note. */
	public static final int MAX_PER_NOTE = 20;

	private final TagRepository tags;

	private final NoteRepository notes;

	Tags(TagRepository tags, NoteRepository notes) {
		this.tags = tags;
		this.notes = notes;
	}

	/**
	 * The tag a spelling names, if a public note carries it.
	 * @param spelling any spelling ("IndieWeb", "indieweb", "Indie Web")
	 * @return the tag
	 */
	public Optional<Tag> findPublic(String spelling) {
		String name = TagNames.normalise(spelling);
		return name.isEmpty() ? Optional.empty() : this.tags.findPublic(name);
	}

	/**
	 * The public notes of a tag, newest first.
	 * @param tag the tag
	 * @param before where the previous page ended, or {@code null} for the newest
	 * @param limit how many (at most {@value Notes#MAX_PAGE})
	 * @return the notes
	 */
	public List<Note> visible(Tag tag, NoteCursor before, int limit) {
		return this.notes.findVisibleTagged(tag.name(), before, Math.max(1, Math.min(limit, Notes.MAX_PAGE)));
	}

	/**
	 * Every tag a public note carries, with how many do, sorted by display spelling.
	 * @return the tags
	 */
	public List<TagCount> counts() {
		return this.tags.counts();
	}

	/**
	 * The categories of several notes, each a tag with its display spelling where it is
	 * one, in the order given.
	 * @param properties each note's properties
	 * @return each note's categories
	 */
	public Map<Long, List<Category>> categories(Map<Long, NoteProperties> properties) {
		Set<String> names = new HashSet<>();
		properties.values()
			.forEach((each) -> each.categories()
				.stream()
				.filter(TagIndex::isTag)
				.map(TagNames::normalise)
				.forEach(names::add));
		Map<String, Tag> found = this.tags.findAll(names);
		Map<Long, List<Category>> all = new HashMap<>();
		properties.forEach((noteId, each) -> {
			List<Category> categories = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			for (String category : each.categories()) {
				if (!TagIndex.isTag(category)) {
					categories.add(new Category(category, null));
					continue;
				}
				String name = TagNames.normalise(category);
				Tag tag = found.getOrDefault(name, new Tag(name, TagNames.display(category)));
				if (seen.add(name)) {
					categories.add(new Category(tag.displayName(), tag));
				}
			}
			all.put(noteId, List.copyOf(categories));
		});
		return all;
	}

	/**
	 * The display spellings of the tags of notes that are not deleted, drafts included,
	 * sorted (Micropub's {@code q=category}).
	 * @return the tags' spellings
	 */
	List<String> displayNamesInUse() {
		return this.tags.displayNamesInUse();
	}

	/**
	 * Checks the tags the owner typed for a note.
	 * @param given the tags
	 * @throws InvalidNoteException for too many, or one too long
	 */
	public static void check(List<String> given) {
		if (given.size() > MAX_PER_NOTE) {
			throw new InvalidNoteException("tags", "A note can have at most " + MAX_PER_NOTE + " tags");
		}
		for (String tag : given) {
			if (TagNames.display(tag).length() > TagNames.MAX_LENGTH) {
				throw new InvalidNoteException("tags",
						"A tag can be at most " + TagNames.MAX_LENGTH + " characters long");
			}
		}
	}

}
