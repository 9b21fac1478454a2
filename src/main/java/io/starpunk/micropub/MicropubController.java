package io.starpunk.micropub;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.indieauth.AccessToken;
import io.starpunk.notes.InvalidNoteException;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;

/**
 * {@code /micropub}: create notes from form-encoded or JSON requests, and the
 * {@code config} and {@code syndicate-to} queries.
 */
@RestController
class MicropubController {

	private final MicropubAuth auth;

	private final MicropubActions actions;

	private final NoteService notes;

	private final StarpunkSettings settings;

	private final JsonMapper json;

	MicropubController(MicropubAuth auth, MicropubActions actions, NoteService notes, StarpunkSettings settings,
			JsonMapper json) {
		this.auth = auth;
		this.actions = actions;
		this.notes = notes;
		this.settings = settings;
		this.json = json;
	}

	@GetMapping("/micropub")
	ResponseEntity<Map<String, Object>> query(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "url", required = false) String url,
			@RequestParam(name = "limit", required = false) String limit,
			@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "access_token", required = false) String fieldToken, HttpServletRequest request) {
		this.auth.authenticate(request, fieldToken);
		Map<String, Object> answer = new LinkedHashMap<>();
		if ("source".equals(q)) {
			answer.putAll((url != null) ? this.actions.source(url) : this.actions.recent(limit, after));
		}
		else if ("config".equals(q)) {
			answer.put("syndicate-to", List.of());
			answer.put("post-types", List.of(Map.of("type", "note", "name", "Note")));
			answer.put("q", List.of("config", "syndicate-to", "source"));
		}
		else if ("syndicate-to".equals(q)) {
			answer.put("syndicate-to", List.of());
		}
		else {
			throw MicropubException.invalidRequest((q == null) ? "q is required" : "Unknown query: q=" + q);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
	}

	@PostMapping(path = "/micropub", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> createFromForm(@RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request) {
		List<String> tokens = form.get("access_token");
		if (tokens != null && tokens.size() > 1) {
			throw MicropubException.invalidRequest("access_token was sent more than once");
		}
		AccessToken token = this.auth.authenticate(request, (tokens != null) ? tokens.get(0) : null);
		if (form.containsKey("action")) {
			this.actions.run(token, form.getFirst("action"), form.getFirst("url"));
			return ResponseEntity.noContent().build();
		}
		return create(token, NewEntry.fromForm(form));
	}

	@PostMapping(path = "/micropub", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> createFromJson(@RequestBody String body, HttpServletRequest request) {
		AccessToken token = this.auth.authenticate(request, null);
		JsonNode node;
		try {
			node = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw MicropubException.invalidRequest("The body is not valid JSON");
		}
		if (node == null || !node.isObject()) {
			throw MicropubException.invalidRequest("The body must be a JSON object");
		}
		if (node.has("action")) {
			this.actions.run(token, node.path("action").asString(""), node.path("url").asString(""));
			return ResponseEntity.noContent().build();
		}
		return create(token, NewEntry.fromJson(node));
	}

	private ResponseEntity<Map<String, Object>> create(AccessToken token, NewEntry entry) {
		boolean mayCreate = token.hasScope("create");
		if (!mayCreate && !(entry.draft() && token.hasScope("draft"))) {
			throw MicropubException.insufficientScope(entry.draft() ? "draft" : "create");
		}
		Note note;
		try {
			note = this.notes.create(entry.content(), entry.slug(), !entry.draft());
		}
		catch (InvalidNoteException ex) {
			throw MicropubException.invalidRequest(ex.getMessage());
		}
		URI location = this.settings.url("notes", note.slug());
		return ResponseEntity.created(location).build();
	}

	@ExceptionHandler(MicropubException.class)
	ResponseEntity<Map<String, String>> refuse(MicropubException ex) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", ex.error());
		body.put("error_description", ex.getMessage());
		if (ex.scope() != null) {
			body.put("scope", ex.scope());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status()).cacheControl(CacheControl.noStore());
		if (ex.status().value() == 401) {
			response.header("WWW-Authenticate", "Bearer");
		}
		return response.contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
