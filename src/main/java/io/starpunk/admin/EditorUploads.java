package io.starpunk.admin;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.starpunk.http.UploadGate;
import io.starpunk.owner.SessionCheck;

/**
 * Who may send the note editor's form with photos ({@code /admin/new},
 * {@code /admin/edit/{id}}) larger than the small body limit: the signed-in owner. Any
 * refusal, for a sender not signed in or a form over the upload limit, sends the browser
 * back to the editor ({@code ?too-large}), which says why; nothing of the form was read.
 */
@Component
class EditorUploads implements UploadGate {

	private static final Pattern EDITOR = Pattern.compile("/admin/(new|edit/[0-9]{1,18})");

	private final SessionCheck sessions;

	EditorUploads(SessionCheck sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean guards(HttpServletRequest request) {
		return "POST".equalsIgnoreCase(request.getMethod()) && EDITOR.matcher(path(request)).matches();
	}

	@Override
	public Optional<Refusal> check(HttpServletRequest request, long smallLimit) {
		return this.sessions.isOwner(request) ? Optional.empty() : Optional.of(backToEditor(request));
	}

	@Override
	public Refusal tooLarge(HttpServletRequest request, long limit) {
		return backToEditor(request);
	}

	private static Refusal backToEditor(HttpServletRequest request) {
		return new Refusal.SeeOther(path(request) + "?too-large");
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
