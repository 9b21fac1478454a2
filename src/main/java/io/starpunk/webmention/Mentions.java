package io.starpunk.webmention;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.AfterTransaction;
import io.starpunk.notes.NotesChanged;

/**
 * The received mentions, for the owner to moderate and for a note's page to show:
 * approve, reject, delete, block a domain (its mentions deleted, its future webmentions
 * refused). A change to what the pages show re-renders them ({@link NotesChanged}).
 */
@Component
public class Mentions {

	private final MentionRepository mentions;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Mentions(MentionRepository mentions, TransactionTemplate transactions, ApplicationEventPublisher events,
			Clock clock) {
		this.mentions = mentions;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The approved mentions of a note, oldest first.
	 * @param noteId the note
	 * @return its mentions
	 */
	public List<Mention> approvedFor(long noteId) {
		return this.mentions.approvedFor(noteId);
	}

	/**
	 * The mentions in a moderation state, newest first.
	 * @param status {@link Mention#PENDING}, {@link Mention#APPROVED} or
	 * {@link Mention#REJECTED}
	 * @param limit how many at most
	 * @return the mentions
	 */
	public List<Mention> withStatus(String status, int limit) {
		return this.mentions.withStatus(status, limit);
	}

	/**
	 * How many mentions are in a moderation state.
	 * @param status the state
	 * @return how many
	 */
	public int count(String status) {
		return this.mentions.count(status);
	}

	/**
	 * One mention.
	 * @param id its id
	 * @return the mention, or empty
	 */
	public Optional<Mention> find(long id) {
		return this.mentions.find(id);
	}

	/**
	 * Shows a mention under its note.
	 * @param id the mention
	 * @return whether there was one
	 */
	public boolean approve(long id) {
		return moderate(id, Mention.APPROVED);
	}

	/**
	 * Hides a mention, and keeps it hidden when its source sends it again.
	 * @param id the mention
	 * @return whether there was one
	 */
	public boolean reject(long id) {
		return moderate(id, Mention.REJECTED);
	}

	/**
	 * Deletes a mention (its source may send it again).
	 * @param id the mention
	 * @return whether there was one
	 */
	public boolean delete(long id) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Optional<Mention> before = this.mentions.find(id);
			if (before.isEmpty()) {
				return false;
			}
			this.mentions.delete(id);
			if (before.get().status().equals(Mention.APPROVED)) {
				changed();
			}
			return true;
		}));
	}

	/**
	 * Blocks a domain and its subdomains: their mentions are deleted and their
	 * webmentions refused from now on.
	 * @param domain a host name, such as {@code spam.example}
	 * @return how many mentions were deleted
	 * @throws IllegalArgumentException when it is not a host name
	 */
	public int block(String domain) {
		String name = domain(domain);
		Integer deleted = this.transactions.execute((status) -> {
			int count = this.mentions.block(name, this.clock.instant());
			if (count > 0) {
				changed();
			}
			return count;
		});
		return (deleted != null) ? deleted : 0;
	}

	/**
	 * Takes a domain off the blocked list.
	 * @param domain the domain
	 * @return whether it was blocked
	 */
	public boolean unblock(String domain) {
		String name = domain.strip().toLowerCase(Locale.ROOT);
		return Boolean.TRUE.equals(this.transactions.execute((status) -> this.mentions.unblock(name) > 0));
	}

	/**
	 * The blocked domains, sorted.
	 * @return the domains
	 */
	public List<String> blockedDomains() {
		return this.mentions.blockedDomains();
	}

	private boolean moderate(long id, String to) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Optional<Mention> before = this.mentions.find(id);
			if (before.isEmpty()) {
				return false;
			}
			this.mentions.setStatus(id, to);
			if (before.get().status().equals(Mention.APPROVED) != to.equals(Mention.APPROVED)) {
				changed();
			}
			return true;
		}));
	}

	private void changed() {
		AfterTransaction.onCommit("re-render the pages with mentions",
				() -> this.events.publishEvent(new NotesChanged(this.clock.instant())));
	}

	private static String domain(String domain) {
		String name = (domain != null) ? domain.strip().toLowerCase(Locale.ROOT) : "";
		if (name.startsWith(".")) {
			name = name.substring(1);
		}
		if (name.length() > 253 || !name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
			throw new IllegalArgumentException("Not a domain name: give one such as spam.example.");
		}
		return name;
	}

}
