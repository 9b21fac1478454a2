package io.starpunk.microformats;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A microformats2 parser on jsoup, after the parsing specification
 * (https://microformats.org/wiki/microformats2-parsing): root classes {@code h-*};
 * properties {@code p-}, {@code u-}, {@code dt-}, {@code e-}; nested items, as a
 * property's value or as children; the implied {@code name}, {@code photo} and
 * {@code url}; the value class pattern for {@code p-} and {@code dt-}; URLs resolved
 * against the page's URL and its {@code <base href>}; {@code rels} and {@code rel-urls}.
 * Classic microformats (hentry, vcard) are not read. Stateless and thread-safe.
 */
public final class Microformats {

	private static final Pattern ROOT = Pattern.compile("h-([a-z0-9]+-)?[a-z]+(-[a-z]+)*");

	private static final Pattern PROPERTY = Pattern.compile("(p|u|dt|e)-(([a-z0-9]+-)?[a-z]+(-[a-z]+)*)");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{4}-\\d{3}");

	private static final Pattern TIME = Pattern.compile(
			"(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?\\s*(z|[+-]\\d{1,2}:?\\d{2})?",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ZONE = Pattern.compile("z|[+-]\\d{1,2}:?\\d{2}", Pattern.CASE_INSENSITIVE);

	private static final Set<String> SKIPPED = Set.of("script", "style", "template");

	/**
	 * How deep elements are read; what is nested deeper is dropped, so that a hostile
	 * page of nested elements cannot exhaust the stack.
	 */
	static final int MAX_DEPTH = 256;

	private Microformats() {
	}

	/**
	 * Parses a page.
	 * @param html the page
	 * @param url where it came from (relative URLs are resolved against it, or against
	 * its {@code <base href>})
	 * @return what it says
	 */
	public static Mf2Document parse(String html, URI url) {
		return parse(Jsoup.parse(html, url.toString()), url);
	}

	/**
	 * Parses a page jsoup has read. Elements nested deeper than {@link #MAX_DEPTH} are
	 * removed from it first.
	 * @param document the page
	 * @param url where it came from
	 * @return what it says
	 */
	public static Mf2Document parse(Document document, URI url) {
		document.outputSettings().prettyPrint(false);
		prune(document);
		URI base = normalised(url);
		Element baseElement = document.selectFirst("base[href]");
		if (baseElement != null) {
			base = normalised(URI.create(new Parse(base).resolve(baseElement.attr("href"))));
		}
		Parse parse = new Parse(base);
		List<Mf2Item> items = new ArrayList<>();
		for (Element child : document.children()) {
			parse.findItems(child, items);
		}
		Map<String, List<String>> rels = new LinkedHashMap<>();
		Map<String, RelBuilder> relUrls = new LinkedHashMap<>();
		for (Element link : document.select("a[rel][href], area[rel][href], link[rel][href]")) {
			if (inTemplate(link)) {
				continue;
			}
			String href = parse.resolve(link.attr("href"));
			List<String> names = Arrays.stream(link.attr("rel").trim().split("\\s+"))
				.filter((name) -> !name.isEmpty())
				.toList();
			for (String name : names) {
				List<String> urls = rels.computeIfAbsent(name, (key) -> new ArrayList<>());
				if (!urls.contains(href)) {
					urls.add(href);
				}
			}
			relUrls.computeIfAbsent(href, (key) -> new RelBuilder()).add(link, names);
		}
		Map<String, Mf2Document.RelUrl> built = new LinkedHashMap<>();
		relUrls.forEach((href, builder) -> built.put(href, builder.build()));
		return new Mf2Document(items, rels, built);
	}

	/** Empties the elements at {@link #MAX_DEPTH}, without recursion. */
	private static void prune(Document document) {
		java.util.ArrayDeque<Element> elements = new java.util.ArrayDeque<>();
		java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
		elements.push(document);
		depths.push(0);
		while (!elements.isEmpty()) {
			Element element = elements.pop();
			int depth = depths.pop();
			if (depth >= MAX_DEPTH) {
				element.empty();
				continue;
			}
			for (Element child : element.children()) {
				elements.push(child);
				depths.push(depth + 1);
			}
		}
	}

	private static boolean inTemplate(Element element) {
		for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
			if (parent.normalName().equals("template")) {
				return true;
			}
		}
		return false;
	}

	private static URI normalised(URI url) {
		if (url.getRawPath() == null || url.getRawPath().isEmpty()) {
			try {
				return new URI(url.getScheme(), url.getRawAuthority(), "/", url.getRawQuery(), null);
			}
			catch (URISyntaxException ex) {
				return url;
			}
		}
		return url;
	}

	static List<String> roots(Element element) {
		Set<String> found = new TreeSet<>();
		for (String name : element.classNames()) {
			if (ROOT.matcher(name).matches()) {
				found.add(name);
			}
		}
		return List.copyOf(found);
	}

	/** The property classes of an element: prefix and name, in class order, once each. */
	static List<String[]> propertyClasses(Element element) {
		Set<String> seen = new LinkedHashSet<>();
		List<String[]> found = new ArrayList<>();
		for (String name : element.classNames()) {
			Matcher matcher = PROPERTY.matcher(name);
			if (matcher.matches() && seen.add(name)) {
				found.add(new String[] { matcher.group(1), matcher.group(2) });
			}
		}
		return found;
	}

	/** One parse, with the base URL it resolves against. */
	private static final class Parse {

		private final URI base;

		Parse(URI base) {
			this.base = base;
		}

		void findItems(Element element, List<Mf2Item> items) {
			if (SKIPPED.contains(element.normalName())) {
				return;
			}
			if (!roots(element).isEmpty()) {
				items.add(item(element, null, null));
				return;
			}
			for (Element child : element.children()) {
				findItems(child, items);
			}
		}

		Mf2Item item(Element element, String value, String html) {
			Builder builder = new Builder();
			for (Element child : element.children()) {
				properties(child, builder);
			}
			implied(element, builder);
			String id = element.hasAttr("id") && !element.id().isBlank() ? element.id() : null;
			return new Mf2Item(roots(element), builder.properties, builder.children, value, html, id);
		}

		private void properties(Element element, Builder item) {
			if (SKIPPED.contains(element.normalName())) {
				return;
			}
			List<String[]> properties = propertyClasses(element);
			if (!roots(element).isEmpty()) {
				item.nested = true;
				if (properties.isEmpty()) {
					item.children.add(item(element, null, null));
					return;
				}
				Mf2Item bare = item(element, null, null);
				for (String[] property : properties) {
					item.note(property[0]);
					String value;
					String html = null;
					switch (property[0]) {
						case "p" -> value = bare.text("name").orElseGet(() -> plain(element));
						case "u" -> value = bare.text("url").orElseGet(() -> url(element).text());
						case "e" -> {
							html = html(element);
							value = text(element, true);
						}
						default -> value = date(element);
					}
					item.add(property[1],
							new Mf2Item(bare.type(), bare.properties(), bare.children(), value, html, bare.id()));
				}
				return;
			}
			for (String[] property : properties) {
				item.note(property[0]);
				Mf2Value value = switch (property[0]) {
					case "p" -> new Mf2Value.Text(plain(element));
					case "u" -> url(element);
					case "e" -> new Mf2Value.Html(html(element), text(element, true));
					default -> new Mf2Value.Text(item.dated(date(element)));
				};
				item.add(property[1], value);
			}
			for (Element child : element.children()) {
				properties(child, item);
			}
		}

		private void implied(Element element, Builder item) {
			if (!item.properties.containsKey("name") && !item.hasP && !item.hasE && !item.nested) {
				item.add("name", new Mf2Value.Text(impliedName(element)));
			}
			if (!item.properties.containsKey("photo") && !item.hasU && !item.nested) {
				Mf2Value photo = impliedPhoto(element);
				if (photo != null) {
					item.add("photo", photo);
				}
			}
			if (!item.properties.containsKey("url") && !item.hasU && !item.nested) {
				String url = impliedUrl(element);
				if (url != null) {
					item.add("url", new Mf2Value.Text(url));
				}
			}
		}

		private String impliedName(Element element) {
			String named = nameOf(element);
			if (named != null) {
				return named;
			}
			Element only = onlyChild(element);
			if (only != null) {
				named = nameOf(only);
				if (named != null) {
					return named;
				}
				Element deeper = onlyChild(only);
				if (deeper != null && (named = nameOf(deeper)) != null) {
					return named;
				}
			}
			return text(element, false);
		}

		private static String nameOf(Element element) {
			String tag = element.normalName();
			if ((tag.equals("img") || tag.equals("area")) && !element.attr("alt").isEmpty()) {
				return element.attr("alt").trim();
			}
			if (tag.equals("abbr") && !element.attr("title").isEmpty()) {
				return element.attr("title").trim();
			}
			return null;
		}

		/** The one child element, when there is exactly one and it is no microformat. */
		private static Element onlyChild(Element element) {
			if (element.childrenSize() != 1) {
				return null;
			}
			Element only = element.child(0);
			return roots(only).isEmpty() ? only : null;
		}

		/**
		 * The one child element of a type, when there is exactly one and it is no
		 * microformat.
		 */
		private static Element onlyOfType(Element element, String tag, String attribute) {
			Element found = null;
			for (Element child : element.children()) {
				if (child.normalName().equals(tag)) {
					if (found != null) {
						return null;
					}
					found = child;
				}
			}
			return (found != null && found.hasAttr(attribute) && roots(found).isEmpty()) ? found : null;
		}

		private Mf2Value impliedPhoto(Element element) {
			Mf2Value photo = photoOf(element, true);
			if (photo != null) {
				return photo;
			}
			photo = photoOf(element, false);
			if (photo != null) {
				return photo;
			}
			Element only = onlyChild(element);
			return (only != null) ? photoOf(only, false) : null;
		}

		private Mf2Value photoOf(Element element, boolean itself) {
			if (itself) {
				if (element.normalName().equals("img") && element.hasAttr("src")) {
					return image(element);
				}
				if (element.normalName().equals("object") && element.hasAttr("data")) {
					return new Mf2Value.Text(resolve(element.attr("data")));
				}
				return null;
			}
			Element image = onlyOfType(element, "img", "src");
			if (image != null) {
				return image(image);
			}
			Element object = onlyOfType(element, "object", "data");
			return (object != null) ? new Mf2Value.Text(resolve(object.attr("data"))) : null;
		}

		private String impliedUrl(Element element) {
			String tag = element.normalName();
			if ((tag.equals("a") || tag.equals("area")) && element.hasAttr("href")) {
				return resolve(element.attr("href"));
			}
			String url = linkOf(element);
			if (url != null) {
				return url;
			}
			Element only = onlyChild(element);
			return (only != null) ? linkOf(only) : null;
		}

		private String linkOf(Element element) {
			Element link = onlyOfType(element, "a", "href");
			if (link == null) {
				link = onlyOfType(element, "area", "href");
			}
			return (link != null) ? resolve(link.attr("href")) : null;
		}

		private Mf2Value image(Element image) {
			String src = resolve(image.attr("src"));
			return image.hasAttr("alt") ? new Mf2Value.Image(src, image.attr("alt").trim()) : new Mf2Value.Text(src);
		}

		private String plain(Element element) {
			String valued = valueClass(element, false);
			if (valued != null) {
				return valued;
			}
			String tag = element.normalName();
			if ((tag.equals("abbr") || tag.equals("link")) && element.hasAttr("title")) {
				return element.attr("title");
			}
			if ((tag.equals("data") || tag.equals("input")) && element.hasAttr("value")) {
				return element.attr("value");
			}
			if ((tag.equals("img") || tag.equals("area")) && element.hasAttr("alt")) {
				return element.attr("alt");
			}
			return text(element, true);
		}

		private Mf2Value url(Element element) {
			String tag = element.normalName();
			if (Set.of("a", "area", "link").contains(tag) && element.hasAttr("href")) {
				return new Mf2Value.Text(resolve(element.attr("href")));
			}
			if (tag.equals("img") && element.hasAttr("src")) {
				return image(element);
			}
			if (Set.of("audio", "video", "source", "iframe").contains(tag) && element.hasAttr("src")) {
				return new Mf2Value.Text(resolve(element.attr("src")));
			}
			if (tag.equals("video") && element.hasAttr("poster")) {
				return new Mf2Value.Text(resolve(element.attr("poster")));
			}
			if (tag.equals("object") && element.hasAttr("data")) {
				return new Mf2Value.Text(resolve(element.attr("data")));
			}
			String valued = valueClass(element, false);
			if (valued != null) {
				return new Mf2Value.Text(resolve(valued));
			}
			if (tag.equals("abbr") && element.hasAttr("title")) {
				return new Mf2Value.Text(resolve(element.attr("title")));
			}
			if ((tag.equals("data") || tag.equals("input")) && element.hasAttr("value")) {
				return new Mf2Value.Text(resolve(element.attr("value")));
			}
			return new Mf2Value.Text(resolve(text(element, true)));
		}

		private String date(Element element) {
			String valued = valueClass(element, true);
			if (valued != null) {
				return valued;
			}
			String tag = element.normalName();
			if (Set.of("time", "ins", "del").contains(tag) && element.hasAttr("datetime")) {
				return element.attr("datetime");
			}
			if (tag.equals("abbr") && element.hasAttr("title")) {
				return element.attr("title");
			}
			if ((tag.equals("data") || tag.equals("input")) && element.hasAttr("value")) {
				return element.attr("value");
			}
			return text(element, false);
		}

		/**
		 * The value class pattern: the values of the descendants classed {@code value}
		 * (or {@code value-title}), outside nested microformats, joined; for a date, a
		 * date and a time (and zone) found among them combined.
		 */
		private String valueClass(Element element, boolean date) {
			List<String> parts = new ArrayList<>();
			collectValues(element, parts, date);
			if (parts.isEmpty()) {
				return null;
			}
			if (!date) {
				return String.join("", parts);
			}
			String day = null;
			String time = null;
			String zone = null;
			for (String part : parts) {
				String trimmed = part.trim();
				if (day == null && DATE.matcher(trimmed).matches()) {
					day = trimmed;
				}
				else if (day == null && trimmed.length() > 10 && DATE.matcher(trimmed.substring(0, 10)).matches()) {
					return trimmed;
				}
				else if (zone == null && ZONE.matcher(trimmed).matches() && time != null) {
					zone = trimmed.equalsIgnoreCase("z") ? "Z" : trimmed.replace(":", "");
				}
				else if (time == null && TIME.matcher(trimmed).matches()) {
					time = time(trimmed);
				}
			}
			if (day == null) {
				return (time != null) ? time + ((zone != null) ? zone : "") : String.join("", parts);
			}
			return day + ((time != null) ? " " + time : "") + ((zone != null) ? zone : "");
		}

		private static String time(String text) {
			Matcher matcher = TIME.matcher(text);
			if (!matcher.matches()) {
				return text;
			}
			String zone = (matcher.group(5) != null)
					? matcher.group(5).replace(":", "").toUpperCase(java.util.Locale.ROOT) : "";
			if (matcher.group(4) == null) {
				return text.substring(0, matcher.start(5) < 0 ? text.length() : matcher.start(5)).strip() + zone;
			}
			int hour = Integer.parseInt(matcher.group(1));
			boolean pm = matcher.group(4).toLowerCase(java.util.Locale.ROOT).startsWith("p");
			if (pm && hour < 12) {
				hour += 12;
			}
			if (!pm && hour == 12) {
				hour = 0;
			}
			String minutes = (matcher.group(2) != null) ? matcher.group(2) : "00";
			return String.format("%02d:%s", hour, minutes) + ((matcher.group(3) != null) ? ":" + matcher.group(3) : "")
					+ zone;
		}

		private void collectValues(Element element, List<String> parts, boolean date) {
			for (Element child : element.children()) {
				if (!roots(child).isEmpty() || SKIPPED.contains(child.normalName())) {
					continue;
				}
				if (child.hasClass("value-title")) {
					parts.add(child.attr("title"));
				}
				else if (child.hasClass("value")) {
					parts.add(valueOf(child, date));
				}
				else {
					collectValues(child, parts, date);
				}
			}
		}

		private static String valueOf(Element element, boolean date) {
			String tag = element.normalName();
			if ((tag.equals("img") || tag.equals("area")) && element.hasAttr("alt")) {
				return element.attr("alt");
			}
			if ((tag.equals("data") || tag.equals("input")) && element.hasAttr("value")) {
				return element.attr("value");
			}
			if (tag.equals("abbr") && element.hasAttr("title")) {
				return element.attr("title");
			}
			if (date && Set.of("time", "ins", "del").contains(tag) && element.hasAttr("datetime")) {
				return element.attr("datetime");
			}
			return element.text();
		}

		/** The element's inner HTML, its links and images made absolute. */
		private String html(Element element) {
			Element copy = element.clone();
			for (Element linked : copy.select("[href], [src]")) {
				for (String attribute : List.of("href", "src")) {
					if (linked.hasAttr(attribute)) {
						linked.attr(attribute, resolve(linked.attr(attribute)));
					}
				}
			}
			return copy.html().trim();
		}

		/**
		 * The element's text: its text nodes, without scripts and styles, an image as its
		 * {@code alt} (or, for a property's value, its URL when it has none), trimmed.
		 */
		String text(Element element, boolean imageSources) {
			StringBuilder text = new StringBuilder();
			appendText(element, text, imageSources);
			return text.toString().strip();
		}

		private void appendText(Node node, StringBuilder text, boolean imageSources) {
			for (Node child : node.childNodes()) {
				if (child instanceof TextNode textNode) {
					text.append(textNode.getWholeText());
				}
				else if (child instanceof Element element) {
					String tag = element.normalName();
					if (SKIPPED.contains(tag)) {
						continue;
					}
					if (tag.equals("img")) {
						if (element.hasAttr("alt")) {
							text.append(element.attr("alt"));
						}
						else if (imageSources && element.hasAttr("src")) {
							text.append(' ').append(resolve(element.attr("src"))).append(' ');
						}
						continue;
					}
					appendText(element, text, imageSources);
				}
			}
		}

		/** A URL resolved against the base; as it is when it cannot be read. */
		String resolve(String href) {
			String trimmed = href.strip();
			if (trimmed.isEmpty()) {
				return this.base.toString();
			}
			try {
				URI uri = new URI(trimmed.replace(" ", "%20"));
				return uri.isAbsolute() ? uri.toString() : this.base.resolve(uri).toString();
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				return trimmed;
			}
		}

	}

	/** A property list being built for one item. */
	private static final class Builder {

		final Map<String, List<Mf2Value>> properties = new LinkedHashMap<>();

		final List<Mf2Item> children = new ArrayList<>();

		boolean hasP;

		boolean hasU;

		boolean hasE;

		boolean nested;

		String day;

		void note(String prefix) {
			switch (prefix) {
				case "p" -> this.hasP = true;
				case "u" -> this.hasU = true;
				case "e" -> this.hasE = true;
				default -> {
				}
			}
		}

		/**
		 * A {@code dt-} value: a time alone takes the date of an earlier {@code dt-}
		 * property of the item (an event's end from its start).
		 */
		String dated(String value) {
			Matcher day = DATE.matcher(value);
			if (day.lookingAt()) {
				this.day = day.group();
				return value;
			}
			if (this.day != null && TIME.matcher(value).matches()) {
				return this.day + " " + value;
			}
			return value;
		}

		void add(String name, Mf2Value value) {
			this.properties.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}

	}

	/** What {@code rel-urls} says of one URL, gathered over its links. */
	private static final class RelBuilder {

		private final Set<String> rels = new LinkedHashSet<>();

		private String text;

		private String title;

		private String type;

		private String media;

		private String hreflang;

		void add(Element link, List<String> names) {
			this.rels.addAll(names);
			if (this.text == null) {
				this.text = link.text();
			}
			this.title = first(this.title, link, "title");
			this.type = first(this.type, link, "type");
			this.media = first(this.media, link, "media");
			this.hreflang = first(this.hreflang, link, "hreflang");
		}

		private static String first(String known, Element link, String attribute) {
			return (known != null || !link.hasAttr(attribute)) ? known : link.attr(attribute);
		}

		Mf2Document.RelUrl build() {
			return new Mf2Document.RelUrl(List.copyOf(new TreeSet<>(this.rels)), this.text, this.title, this.type,
					this.media, this.hreflang);
		}

	}

}
