package io.starpunk.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.config.StarpunkSettings;

/**
 * Writes the feed documents: RSS 2.0 and Atom 1.0 with Rome, JSON Feed 1.1 with Jackson.
 */
final class FeedWriter {

	private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

	private final StarpunkSettings settings;

	private final JsonMapper json;

	FeedWriter(StarpunkSettings settings, JsonMapper json) {
		this.settings = settings;
		this.json = json;
	}

	/** The site's feed: every public note. */
	Source site() {
		return new Source(this.settings.siteName(), this.settings.siteUrl().toString(), List.of());
	}

	/** A tag's feed: its public notes, below its page's address. */
	Source tag(String name, String displayName) {
		return new Source(this.settings.siteName() + ": notes tagged " + displayName,
				this.settings.url("tags", name).toString(), List.of("tags", name));
	}

	byte[] write(FeedFormat format, List<FeedItem> items, Instant updated) {
		return write(site(), format, items, updated);
	}

	byte[] write(Source source, FeedFormat format, List<FeedItem> items, Instant updated) {
		return switch (format) {
			case RSS -> rss(source, items, updated);
			case ATOM -> atom(source, items, updated);
			case JSON -> jsonFeed(source, items);
		};
	}

	private byte[] rss(Source source, List<FeedItem> items, Instant updated) {
		Channel channel = (Channel) syndFeed(source, FeedFormat.RSS, items, updated).createWireFeed();
		// Rome's RSS model has no atom:link, which readers use to find the feed's URL
		Element self = new Element("link", ATOM);
		self.setAttribute("href", selfUrl(source, FeedFormat.RSS));
		self.setAttribute("rel", "self");
		self.setAttribute("type", "application/rss+xml");
		// the guid is the permalink, so say so
		channel.getItems()
			.stream()
			.map(Item::getGuid)
			.filter((guid) -> guid != null)
			.forEach((guid) -> guid.setPermaLink(true));
		List<Element> foreign = new ArrayList<>(channel.getForeignMarkup());
		foreign.add(self);
		// WebSub: the hubs this feed is published to
		for (URI hub : hubs()) {
			Element link = new Element("link", ATOM);
			link.setAttribute("href", hub.toString());
			link.setAttribute("rel", "hub");
			foreign.add(link);
		}
		channel.setForeignMarkup(foreign);
		try {
			Document document = new WireFeedOutput().outputJDom(channel);
			document.getRootElement().addNamespaceDeclaration(ATOM);
			return new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(document)
				.getBytes(StandardCharsets.UTF_8);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("The RSS feed could not be written", ex);
		}
	}

	private byte[] atom(Source source, List<FeedItem> items, Instant updated) {
		Feed feed = (Feed) syndFeed(source, FeedFormat.ATOM, items, updated).createWireFeed();
		// Atom has its own author, published and updated; Dublin Core would repeat them
		feed.setModules(new ArrayList<>());
		feed.getEntries().forEach((entry) -> entry.setModules(new ArrayList<>()));
		// a category's label is what readers show: the tag's display spelling
		feed.getEntries()
			.forEach((entry) -> entry.getCategories().forEach((category) -> category.setLabel(category.getTerm())));
		return output(feed);
	}

	private SyndFeed syndFeed(Source source, FeedFormat format, List<FeedItem> items, Instant updated) {
		SyndFeed feed = new SyndFeedImpl();
		feed.setFeedType((format == FeedFormat.ATOM) ? "atom_1.0" : "rss_2.0");
		feed.setTitle(xmlSafe(source.title()));
		feed.setLink(source.home());
		feed.setUri(source.home());
		if (format == FeedFormat.RSS) {
			// RSS requires a channel description
			feed.setDescription(this.settings.siteDescription().isEmpty() ? this.settings.siteName()
					: this.settings.siteDescription());
		}
		else if (!this.settings.siteDescription().isEmpty()) {
			feed.setDescription(this.settings.siteDescription());
		}
		if (format == FeedFormat.ATOM) {
			// Atom requires an author; without SITE_AUTHOR the site speaks for itself
			feed.setAuthors(List.of(author()));
		}
		else if (!this.settings.siteAuthor().isEmpty()) {
			feed.setAuthor(this.settings.siteAuthor());
		}
		feed.setPublishedDate(FeedDates.of(updated));
		if (format == FeedFormat.ATOM) {
			List<SyndLink> links = new ArrayList<>(List.of(link("alternate", source.home(), "text/html"),
					link("self", selfUrl(source, FeedFormat.ATOM), "application/atom+xml")));
			// WebSub: the hubs this feed is published to
			hubs().forEach((hub) -> links.add(link("hub", hub.toString(), null)));
			feed.setLinks(links);
		}
		List<SyndEntry> entries = new ArrayList<>(items.size());
		for (FeedItem item : items) {
			SyndEntry entry = new SyndEntryImpl();
			entry.setTitle(title(item, format));
			entry.setLink(item.permalink().toString());
			entry.setUri(item.permalink().toString());
			entry.setPublishedDate(FeedDates.of(item.published()));
			entry.setUpdatedDate(FeedDates.of(item.updated()));
			entry.setCategories(item.categories().stream().map(FeedWriter::xmlSafe).map(FeedWriter::category).toList());
			SyndContent content = new SyndContentImpl();
			content.setType((format == FeedFormat.ATOM) ? "html" : "text/html");
			content.setValue(xmlSafe(item.html()));
			if (format == FeedFormat.ATOM) {
				// Rome writes an empty author into an entry that has none of its own
				entry.setAuthors(List.of(author()));
				entry.setContents(List.of(content));
				// Atom: a link rel="enclosure" for every photo
				entry.setEnclosures(item.enclosures().stream().map(FeedWriter::enclosure).toList());
			}
			else {
				entry.setDescription(content);
				// RSS: one enclosure an item, as readers take only one
				entry.setEnclosures(item.enclosures().stream().limit(1).map(FeedWriter::enclosure).toList());
			}
			entries.add(entry);
		}
		feed.setEntries(entries);
		return feed;
	}

	/**
	 * An item's title: its note's name. A note without one has none in RSS, where an item
	 * may have a description alone; Atom requires a title, so it gets an empty one, which
	 * readers take for an untitled post and show its content instead.
	 */
	private static String title(FeedItem item, FeedFormat format) {
		if (item.title() != null) {
			return xmlSafe(item.title());
		}
		return (format == FeedFormat.ATOM) ? "" : null;
	}

	private static SyndEnclosure enclosure(FeedItem.Enclosure file) {
		SyndEnclosure enclosure = new SyndEnclosureImpl();
		enclosure.setUrl(file.url());
		enclosure.setType(file.type());
		enclosure.setLength(file.length());
		return enclosure;
	}

	private byte[] jsonFeed(Source source, List<FeedItem> items) {
		List<JsonFeed.Item> jsonItems = items.stream()
			.map((item) -> new JsonFeed.Item(item.permalink().toString(), item.permalink().toString(),
					item.externalUrl(), item.title(), item.html(), item.published().toString(),
					item.updated().toString(), item.categories(),
					item.enclosures().isEmpty() ? null : item.enclosures().get(0).url(),
					item.enclosures()
						.stream()
						.map((file) -> new JsonFeed.Attachment(file.url(), file.type(), file.length()))
						.toList()))
			.toList();
		List<JsonFeed.Author> authors = this.settings.siteAuthor().isEmpty() ? null
				: List.of(new JsonFeed.Author(this.settings.siteAuthor(), this.settings.adminMe().toString()));
		List<JsonFeed.Hub> hubs = hubs().isEmpty() ? null
				: hubs().stream().map((hub) -> new JsonFeed.Hub("WebSub", hub.toString())).toList();
		JsonFeed feed = new JsonFeed("https://jsonfeed.org/version/1.1", source.title(), source.home(),
				selfUrl(source, FeedFormat.JSON), emptyToNull(this.settings.siteDescription()), authors, hubs,
				jsonItems);
		return this.json.writeValueAsBytes(feed);
	}

	/** The WebSub hubs ({@code WEBSUB_HUB}), none by default. */
	private List<URI> hubs() {
		return this.settings.conversations().websubHubs();
	}

	private SyndPerson author() {
		SyndPerson author = new SyndPersonImpl();
		author.setName(this.settings.siteAuthor().isEmpty() ? this.settings.siteName() : this.settings.siteAuthor());
		author.setUri(this.settings.adminMe().toString());
		return author;
	}

	private String selfUrl(Source source, FeedFormat format) {
		List<String> segments = new ArrayList<>(source.path());
		segments.add(format.path());
		return this.settings.url(segments.toArray(String[]::new)).toString();
	}

	/**
	 * Text without the characters XML cannot carry (control characters but tab and line
	 * breaks, U+FFFE, U+FFFF, unpaired surrogates), which a note written before they were
	 * refused, or changed on disk, may hold; one such character would make the whole feed
	 * unreadable.
	 */
	static String xmlSafe(String text) {
		StringBuilder safe = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			boolean illegal = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF'
					|| (Character.isSurrogate(c) && !pair);
			if (illegal && safe == null) {
				safe = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (safe != null && !illegal) {
				safe.append(c);
				if (pair) {
					safe.append(text.charAt(i + 1));
				}
			}
			if (pair) {
				i++;
			}
		}
		return (safe != null) ? safe.toString() : text;
	}

	private static SyndCategory category(String name) {
		SyndCategory category = new SyndCategoryImpl();
		category.setName(name);
		return category;
	}

	private static SyndLink link(String rel, String href, String type) {
		SyndLink link = new SyndLinkImpl();
		link.setRel(rel);
		link.setHref(href);
		link.setType(type);
		return link;
	}

	private static byte[] output(WireFeed feed) {
		try {
			return new WireFeedOutput().outputString(feed, true).getBytes(StandardCharsets.UTF_8);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("The " + feed.getFeedType() + " feed could not be written", ex);
		}
	}

	private static String emptyToNull(String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

	/**
	 * Which feed is written.
	 *
	 * @param title its title
	 * @param home the page it is the feed of
	 * @param path the path segments below the site URL where its files are
	 */
	record Source(String title, String home, List<String> path) {
	}

	/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
			@JsonProperty("feed_url") String feedUrl, String description, List<Author> authors, List<Hub> hubs,
			List<Item> items) {

		/** A hub the feed is published to, for real-time subscription. */
		record Hub(String type, String url) {
		}

		@JsonInclude(JsonInclude.Include.NON_EMPTY)
		record Author(String name, String url) {
		}

		@JsonInclude(JsonInclude.Include.NON_EMPTY)
		record Item(String id, String url, @JsonProperty("external_url") String externalUrl, String title,
				@JsonProperty("content_html") String contentHtml, @JsonProperty("date_published") String datePublished,
				@JsonProperty("date_modified") String dateModified, List<String> tags, String image,
				List<Attachment> attachments) {
		}

		record Attachment(String url, @JsonProperty("mime_type") String mimeType,
				@JsonProperty("size_in_bytes") long sizeInBytes) {
		}

	}

}
