package io.starpunk.micropub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.indieauth.AccessToken;
import io.starpunk.media.MediaStore;
import io.starpunk.media.StoredMedia;
import io.starpunk.notes.InvalidNoteException;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;

/**
 * {@code /micropub}: create notes from form-encoded, multipart or JSON requests, act on
 * them ({@code update}, {@code delete}, {@code undelete}), and answer the {@code config},
 * {@code source}, {@code syndicate-to} and {@code category} queries.
 */
@RestController
class MicropubController {

	private final MicropubAuth auth;

	private final MicropubActions actions;

	private final NoteService notes;

	private final StarpunkSettings settings;

	private final JsonBodies jsonBodies;

	private final MediaStore media;

	private final MicropubWrites writes;

	/** The kinds of post this server takes, as {@code q=config} lists them. */
	private static final List<Map<String, String>> POST_TYPES = List.of(Map.of("type", "note", "name", "Note"),
			Map.of("type", "reply", "name", "Reply"), Map.of("type", "like", "name", "Like"),
			Map.of("type", "repost", "name", "Repost"), Map.of("type", "bookmark", "name", "Bookmark"),
			Map.of("type", "rsvp", "name", "RSVP"));

	/** The queries {@code q=config} lists. */
	private static final List<String> QUERIES = List.of("config", "source", "syndicate-to", "category");

	MicropubController(MicropubAuth auth, MicropubActions actions, NoteService notes, StarpunkSettings settings,
			JsonBodies jsonBodies, MediaStore media, MicropubWrites writes) {
		this.media = media;
		this.writes = writes;
		this.auth = auth;
		this.actions = actions;
		this.notes = notes;
		this.settings = settings;
		this.jsonBodies = jsonBodies;
	}

	@GetMapping("/micropub")
	ResponseEntity<Map<String, Object>> query(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "url", required = false) String url,
			@RequestParam(name = "limit", required = false) String limit,
			@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "filter", required = false) String filter,
			@RequestParam(name = "access_token", required = false) String fieldToken, HttpServletRequest request) {
		SingleValues.check(SingleValues.QUERIED, request.getParameterMap());
		this.auth.authenticate(request, fieldToken);
		Map<String, Object> answer = new LinkedHashMap<>();
		switch ((q != null) ? q : "") {
			case "source" -> answer.putAll((url != null) ? this.actions.source(url, wantedProperties(request))
					: this.actions.recent(limit, after));
			case "config" -> {
				answer.put("media-endpoint", this.settings.url("micropub", "media").toString());
				answer.put("syndicate-to", SyndicateTo.listed(this.settings));
				answer.put("post-types", POST_TYPES);
				answer.put("q", QUERIES);
			}
			case "syndicate-to" -> answer.put("syndicate-to", SyndicateTo.listed(this.settings));
			case "category" -> answer.put("categories", this.actions.categories(filter));
			default -> throw MicropubException.invalidRequest((q == null) ? "q is required" : "Unknown query: q=" + q);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
	}

	/**
	 * The properties {@code q=source} was asked for: {@code properties[]} or
	 * {@code properties}.
	 */
	private static List<String> wantedProperties(HttpServletRequest request) {
		List<String> wanted = new ArrayList<>();
		for (String name : List.of("properties[]", "properties")) {
			String[] values = request.getParameterValues(name);
			if (values != null) {
				wanted.addAll(Arrays.asList(values));
			}
		}
		return wanted;
	}

	@PostMapping(path = "/micropub", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> createFromForm(@RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request) {
		SingleValues.checkLists(SingleValues.POSTED, form);
		AccessToken token = authenticate(form, request);
		if (form.containsKey("action")) {
			this.actions.run(token, form.getFirst("action"), form.getFirst("url"));
			return ResponseEntity.noContent().build();
		}
		return create(token, NewEntry.fromForm(form, Map.of()));
	}

	/**
	 * A create with files: the fields of a form, and photos in parts named {@code photo}
	 * or {@code photo[]}, each kept by the media store and added to the note's photos.
	 * The fields and the scope are checked before any file is kept.
	 */
	@PostMapping(path = "/micropub", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, Object>> createFromMultipart(MultipartHttpServletRequest request) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		request.getParameterMap().forEach((name, values) -> form.put(name, List.of(values)));
		SingleValues.checkLists(SingleValues.POSTED, form);
		MultiValueMap<String, MultipartFile> files = request.getMultiFileMap();
		for (String name : files.keySet()) {
			if (!name.equals("photo") && !name.equals("photo[]")) {
				throw new MicropubException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
						"Only photos can be uploaded with a post (parts named photo or photo[])", null);
			}
		}
		AccessToken token = authenticate(form, request);
		if (form.containsKey("action")) {
			this.actions.run(token, form.getFirst("action"), form.getFirst("url"));
			return ResponseEntity.noContent().build();
		}
		List<MultipartFile> photos = files.values().stream().flatMap(List::stream).filter((f) -> !f.isEmpty()).toList();
		if (photos.isEmpty()) {
			return create(token, NewEntry.fromForm(form, Map.of()));
		}
		NewEntry checked = NewEntry.fromForm(form, Map.of("photo", List.of("https://uploading.invalid/")));
		mayCreate(token, checked);
		List<StoredMedia> stored = new ArrayList<>(photos.size());
		try {
			for (MultipartFile photo : photos) {
				try (InputStream content = photo.getInputStream()) {
					stored.add(this.media.store(content));
				}
				catch (IOException ex) {
					throw MicropubException.invalidRequest("A photo could not be read from the request");
				}
			}
			List<String> urls = stored.stream().map((media) -> media.url().toString()).toList();
			return create(token, NewEntry.fromForm(form, Map.of("photo", urls)));
		}
		catch (RuntimeException ex) {
			// a refused post keeps none of the photos it brought
			stored.forEach(this.media::discard);
			throw ex;
		}
	}

	@PostMapping(path = "/micropub", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> createFromJson(@RequestBody byte[] body, HttpServletRequest request) {
		AccessToken token = this.auth.authenticate(request, null);
		JsonNode node = this.jsonBodies.read(body);
		if (node.has("action")) {
			JsonNode action = node.path("action");
			if (!action.isString()) {
				throw MicropubException.invalidRequest("action must be a string");
			}
			if (action.asString().equals("update")) {
				this.actions.update(token, node);
			}
			else {
				JsonNode url = node.path("url");
				this.actions.run(token, action.asString(), url.isString() ? url.asString() : null);
			}
			return ResponseEntity.noContent().build();
		}
		return create(token, NewEntry.fromJson(node));
	}

	/** The token of a form or multipart request: in the header or once in the fields. */
	private AccessToken authenticate(MultiValueMap<String, String> form, HttpServletRequest request) {
		List<String> tokens = form.get("access_token");
		if (tokens != null && tokens.size() > 1) {
			throw MicropubException.invalidRequest("access_token was sent more than once");
		}
		return this.auth.authenticate(request, (tokens != null) ? tokens.get(0) : null);
	}

	private static void mayCreate(AccessToken token, NewEntry entry) {
		if (!token.hasScope("create") && !(entry.draft() && token.hasScope("draft"))) {
			throw MicropubException.insufficientScope(entry.draft() ? "draft" : "create");
		}
	}

	private ResponseEntity<Map<String, Object>> create(AccessToken token, NewEntry entry) {
		mayCreate(token, entry);
		List<String> syndicateTo = SyndicateTo.checked(entry.syndicateTo(), this.settings);
		Note note;
		try {
			note = this.notes.create(entry.note(), syndicateTo);
		}
		catch (InvalidNoteException ex) {
			throw MicropubException.invalidRequest(ex.getMessage());
		}
		this.writes.count("create");
		URI location = this.settings.url("notes", note.slug());
		return ResponseEntity.created(location).build();
	}

}
