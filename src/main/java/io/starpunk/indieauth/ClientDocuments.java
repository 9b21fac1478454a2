package io.starpunk.indieauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.http.Origins;

/**
 * Reads what a client's client_id page says: a JSON client metadata document
 * ({@code client_id}, which must match, {@code client_name}, {@code client_uri},
 * {@code logo_uri}, {@code redirect_uris}), or HTML with an {@code h-app} or
 * {@code h-x-app} ({@code p-name}, {@code u-url}, {@code u-logo}) and
 * {@code rel=redirect_uri} in links or the {@code Link} header.
 */
final class ClientDocuments {

	private static final int MAX_NAME = 100;

	private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");

	private static final Pattern REL = Pattern.compile("rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

	private final JsonMapper json;

	ClientDocuments(JsonMapper json) {
		this.json = json;
	}

	Optional<ClientInfo.Client> read(URI clientId, ClientInfo.Page page) {
		String type = page.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		try {
			return type.contains("json") ? fromJson(clientId, page) : fromHtml(clientId, page);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private Optional<ClientInfo.Client> fromJson(URI clientId, ClientInfo.Page page) {
		JsonNode node = this.json.readTree(new String(page.body(), StandardCharsets.UTF_8));
		if (!node.isObject() || !clientId.toString().equals(node.path("client_id").asString(""))) {
			return Optional.empty();
		}
		List<String> redirects = new ArrayList<>();
		JsonNode uris = node.path("redirect_uris");
		for (int i = 0; uris.isArray() && i < uris.size(); i++) {
			if (uris.get(i).isString()) {
				redirects.add(uris.get(i).asString());
			}
		}
		String url = sameSite(clientId, node.path("client_uri").asString(""));
		return Optional.of(new ClientInfo.Client(clientId, name(clientId, node.path("client_name").asString("")), url,
				web(node.path("logo_uri").asString("")), List.copyOf(redirects)));
	}

	private Optional<ClientInfo.Client> fromHtml(URI clientId, ClientInfo.Page page) {
		Document document = Jsoup.parse(new String(page.body(), StandardCharsets.UTF_8), page.url().toString());
		List<String> redirects = new ArrayList<>();
		for (String header : page.headers().allValues("Link")) {
			Matcher link = LINK.matcher(header);
			while (link.find()) {
				Matcher rel = REL.matcher(link.group(2));
				if (rel.find() && hasRel((rel.group(1) != null) ? rel.group(1) : rel.group(2))) {
					redirects.add(page.url().resolve(link.group(1).strip()).toString());
				}
			}
		}
		for (Element link : document.select("link[rel][href], a[rel][href]")) {
			if (hasRel(link.attr("rel"))) {
				redirects.add(link.absUrl("href"));
			}
		}
		String name = "";
		String url = "";
		String logo = "";
		Element app = document.selectFirst(".h-app, .h-x-app");
		if (app != null) {
			Element nameElement = app.selectFirst(".p-name");
			name = (nameElement != null) ? nameElement.text() : "";
			Element urlElement = app.selectFirst(".u-url");
			url = (urlElement != null) ? urlElement.absUrl(urlElement.hasAttr("href") ? "href" : "src") : "";
			Element logoElement = app.selectFirst(".u-logo");
			logo = (logoElement != null) ? logoElement.absUrl(logoElement.hasAttr("src") ? "src" : "href") : "";
		}
		return Optional.of(new ClientInfo.Client(clientId, name(clientId, name), sameSite(clientId, url), web(logo),
				List.copyOf(redirects)));
	}

	private static boolean hasRel(String rels) {
		for (String rel : rels.trim().split("\\s+")) {
			if (rel.equalsIgnoreCase("redirect_uri")) {
				return true;
			}
		}
		return false;
	}

	private static String name(URI clientId, String name) {
		String plain = name.strip().replaceAll("\\s+", " ");
		if (plain.isEmpty()) {
			return clientId.toString();
		}
		return (plain.length() > MAX_NAME) ? plain.substring(0, MAX_NAME) + "…" : plain;
	}

	/** An http or https URL, or {@code null}. */
	private static String web(String url) {
		try {
			URI parsed = new URI(url.strip());
			String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : "";
			return ((scheme.equals("https") || scheme.equals("http")) && parsed.getHost() != null) ? parsed.toString()
					: null;
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * The client's home page as it gives it, if on the client_id's own origin (a client
	 * may not claim someone else's site), else the client_id.
	 */
	private static String sameSite(URI clientId, String url) {
		String checked = web(url);
		if (checked != null && Origins.same(clientId, URI.create(checked))) {
			return checked;
		}
		return clientId.toString();
	}

}
