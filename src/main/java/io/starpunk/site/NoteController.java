package io.starpunk.site;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.Note;
import io.starpunk.notes.Notes;
import io.starpunk.webmention.Mention;
import io.starpunk.webmention.Mentions;

/**
 * A note's permalink, {@code GET /notes/{slug}}, and StarPunk 0.9's {@code /note/{slug}}
 * sending readers there. Drafts and notes scheduled for later are not public (404);
 * deleted notes are gone (410).
 */
@Controller
class NoteController {

	private final Notes notes;

	private final Entries entries;

	private final SitePages pages;

	private final StarpunkSettings settings;

	private final Clock clock;

	private final Mentions mentions;

	NoteController(Notes notes, Entries entries, SitePages pages, StarpunkSettings settings, Clock clock,
			Mentions mentions) {
		this.clock = clock;
		this.notes = notes;
		this.entries = entries;
		this.pages = pages;
		this.settings = settings;
		this.mentions = mentions;
	}

	@GetMapping("/notes/{slug}")
	ResponseEntity<String> showNote(@PathVariable String slug) {
		Optional<Note> found = this.notes.findBySlug(slug);
		// a draft, or a note scheduled for later: not public (yet)
		if (found.isEmpty() || !found.get().published() || found.get().scheduledAt(this.clock.instant())) {
			return this.pages.error(HttpStatus.NOT_FOUND, "Not found", "There is no note here.");
		}
		Note note = found.get();
		if (note.deleted()) {
			return this.pages.error(HttpStatus.GONE, "This note was deleted", "Its author removed it from this site.");
		}
		NoteView view = new NoteView(this.entries.entry(note), this.pages.owner(), mentions(note));
		return this.pages.page("site/note.jte", view.entry().headline(), view);
	}

	private MentionView mentions(Note note) {
		List<MentionView.Response> responses = new ArrayList<>();
		List<MentionView.Response> reactions = new ArrayList<>();
		for (Mention mention : this.mentions.approvedFor(note.id())) {
			MentionView.Response response = response(mention);
			switch (mention.kind()) {
				case "like", "repost", "bookmark" -> reactions.add(response);
				default -> responses.add(response);
			}
		}
		return new MentionView(responses, reactions);
	}

	private MentionView.Response response(Mention mention) {
		String property = switch (mention.kind()) {
			case "reply", "rsvp" -> "u-comment";
			case "like" -> "u-like";
			case "repost" -> "u-repost";
			case "bookmark" -> "u-bookmark";
			default -> "u-mention";
		};
		String verb = switch (mention.kind()) {
			case "reply" -> "replied";
			case "rsvp" -> "answered " + ((mention.rsvp() != null) ? mention.rsvp() : "");
			case "like" -> "liked this";
			case "repost" -> "reposted this";
			case "bookmark" -> "bookmarked this";
			default -> "mentioned this";
		};
		boolean withContent = !List.of("like", "repost", "bookmark").contains(mention.kind());
		RenderedHtml content = (withContent && mention.contentHtml() != null)
				? this.entries.mentionContent(mention.contentHtml()) : null;
		String text = (withContent && content == null) ? mention.contentText() : null;
		return new MentionView.Response(property, mention.kind(), verb.strip(), mention.url(), mention.authorLabel(),
				mention.authorUrl(), mention.authorPhoto(), content, text, mention.published());
	}

	@GetMapping("/note/{slug}")
	ResponseEntity<Void> redirectOldPermalink(@PathVariable String slug) {
		return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(this.settings.url("notes", slug)).build();
	}

}
