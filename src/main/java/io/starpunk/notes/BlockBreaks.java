package io.starpunk.notes;

import java.util.List;
import java.util.Set;

import org.owasp.html.HtmlStreamEventReceiver;

/**
 * A line break after each block element the sanitiser lets through (after {@code
 *
</p>
 * }, {@code </li>}, {@code </td>}, {@code <br>
 * } and the like), so that the text of the HTML (what a microformats parser gives as an
 * {@code e-content}'s {@code value}) keeps its items, cells and paragraphs apart: the
 * sanitiser drops the whitespace between such tags where HTML allows no text. Nothing is
 * added inside {@code <pre>}, and nothing where the HTML already has whitespace.
 */
final class BlockBreaks implements HtmlStreamEventReceiver {

	private static final Set<String> BLOCKS = Set.of("p", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4",
			"h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "figure", "figcaption");

	private static final Set<String> BREAKS = Set.of("br", "hr");

	private final HtmlStreamEventReceiver next;

	private int preDepth;

	private boolean pending;

	BlockBreaks(HtmlStreamEventReceiver next) {
		this.next = next;
	}

	@Override
	public void openDocument() {
		this.next.openDocument();
	}

	@Override
	public void closeDocument() {
		// none after the last block: HTML a client sent is stored as it was, less what
		// is unsafe
		this.pending = false;
		this.next.closeDocument();
	}

	@Override
	public void openTag(String name, List<String> attributes) {
		flush();
		this.next.openTag(name, attributes);
		if ("pre".equals(name)) {
			this.preDepth++;
		}
		else if (BREAKS.contains(name) && this.preDepth == 0) {
			this.pending = true;
		}
	}

	@Override
	public void closeTag(String name) {
		flush();
		this.next.closeTag(name);
		if ("pre".equals(name) && this.preDepth > 0) {
			this.preDepth--;
		}
		if (BLOCKS.contains(name) && this.preDepth == 0) {
			this.pending = true;
		}
	}

	@Override
	public void text(String text) {
		if (this.pending && !text.isEmpty() && Character.isWhitespace(text.charAt(0))) {
			this.pending = false;
		}
		flush();
		this.next.text(text);
	}

	private void flush() {
		if (this.pending) {
			this.pending = false;
			this.next.text("\n");
		}
	}

}
