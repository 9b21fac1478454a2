package io.starpunk.support;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The Nu Html Checker (the W3C's HTML validator), run in this JVM on a page's markup.
 */
public final class HtmlChecker {

	private static final String SCHEMA = "http://s.validator.nu/html5-all.rnc";

	private HtmlChecker() {
	}

	/**
	 * What the checker says of a page: its errors and warnings.
	 * @param html the page as served
	 * @return the messages, empty when it has none
	 */
	public static synchronized List<Message> check(String html) {
		List<Message> messages = new ArrayList<>();
		ErrorHandler collect = new ErrorHandler() {

			@Override
			public void warning(SAXParseException ex) {
				messages.add(new Message(Message.Kind.WARNING, ex.getLineNumber(), ex.getMessage()));
			}

			@Override
			public void error(SAXParseException ex) {
				messages.add(new Message(Message.Kind.ERROR, ex.getLineNumber(), ex.getMessage()));
			}

			@Override
			public void fatalError(SAXParseException ex) {
				messages.add(new Message(Message.Kind.ERROR, ex.getLineNumber(), ex.getMessage()));
			}

		};
		try {
			// without language detection: the pages say their language, and it needs
			// Jetty
			SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);
			validator.setUpMainSchema(SCHEMA, collect);
			validator.setUpValidatorAndParsers(collect, true, false);
			validator.checkHtmlInputSource(new InputSource(new StringReader(html)));
		}
		catch (IOException | SAXException ex) {
			throw new IllegalStateException("The Nu Html Checker could not check the page", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The Nu Html Checker could not start", ex);
		}
		return messages;
	}

	/**
	 * One message.
	 *
	 * @param kind an error or a warning
	 * @param line the line of the page it is about
	 * @param text what it says
	 */
	public record Message(Kind kind, int line, String text) {

		/** How bad it is. */
		public enum Kind {

			ERROR, WARNING

		}

	}

}
