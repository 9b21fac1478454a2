package io.starpunk.notes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of matches: by relevance (bm25, then newest) up to a number of matches, most
 * recently written first beyond it, with paging that holds every match exactly once in
 * either order. Read through the application's own index on a real database, with the
 * bound lowered so that a handful of notes crosses it.
 */
class SearchOrderTests {

	@Test
	void upToTheBoundTheBestMatchComesFirstAndBeyondItTheNewest(@TempDir Path data) {
		try (RunningServer server = RunningServer.start(data)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);
			Note best = noteService.create("Heron, heron, heron: the heron of herons.", null, true);
			List<String> newestFirst = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				newestFirst.add(0,
						noteService
							.create("A long walk by the lake, where one heron stood among the reeds, "
									+ "the ducks and the geese, number " + i + ".", null, true)
							.slug());
			}
			noteService.create("A draft about a heron.", null, false);
			newestFirst.add(best.slug());
			SearchIndexRepository index = server.context().getBean(SearchIndexRepository.class);
			SearchText text = server.context().getBean(SearchText.class);
			SearchQuery heron = SearchQuery.parse("heron");

			SearchResults ranked = new NoteSearch(index, text, 7).visible(heron, 0, 20);
			assertThat(ranked.total()).isEqualTo(7);
			assertThat(ranked.newestFirst()).as("7 matches, ranked up to 7").isFalse();
			assertThat(slugs(ranked).get(0)).as("the note that says heron most").isEqualTo(best.slug());

			NoteSearch bounded = new NoteSearch(index, text, 6);
			assertThat(bounded.visible(heron, 0, 20).newestFirst()).as("what the search page tells its reader")
				.isTrue();
			assertThat(slugs(bounded.visible(heron, 0, 20))).as("7 matches, more than 6: newest first")
				.isEqualTo(newestFirst);
			List<String> paged = new ArrayList<>();
			for (int offset = 0; offset < 7; offset += 3) {
				paged.addAll(slugs(bounded.visible(heron, offset, 3)));
			}
			assertThat(paged).isEqualTo(newestFirst);
			assertThat(bounded.all(heron, 0, 20).total()).as("the owner's search counts the draft").isEqualTo(8);
			assertThat(bounded.visible(heron, 0, 20).hits())
				.allSatisfy((hit) -> assertThat(hit.snippet().html()).contains("<mark>"));
		}
	}

	/**
	 * A visitor's page of results is kept until the notes change: asked again it is the
	 * same page, and after any committed change (here a new note, then a soft delete) it
	 * is read again and holds the change.
	 */
	@Test
	void aPageOfResultsIsKeptUntilTheNotesChange(@TempDir Path data) {
		try (RunningServer server = RunningServer.start(data)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);
			NoteSearch search = server.context().getBean(NoteSearch.class);
			Note first = noteService.create("A kestrel over the field.", null, true);
			SearchQuery kestrel = SearchQuery.parse("kestrel");
			SearchResults once = search.visible(kestrel, 0, 20);
			assertThat(search.visible(kestrel, 0, 20)).isSameAs(once);
			assertThat(search.visible(SearchQuery.parse("Kestrel"), 0, 20)).as("typed otherwise: its own page")
				.isNotSameAs(once);

			Note second = noteService.create("Another kestrel, hovering.", null, true);
			SearchResults after = search.visible(kestrel, 0, 20);
			assertThat(slugs(after)).containsExactlyInAnyOrder(first.slug(), second.slug());
			noteService.delete(first.id());
			assertThat(slugs(search.visible(kestrel, 0, 20))).containsExactly(second.slug());
		}
	}

	private static List<String> slugs(SearchResults results) {
		return results.hits().stream().map((hit) -> hit.note().slug()).toList();
	}

}
