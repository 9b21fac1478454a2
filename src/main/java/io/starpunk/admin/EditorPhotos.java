package io.starpunk.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.starpunk.http.DatabaseUnavailable;
import io.starpunk.media.MediaRefusedException;
import io.starpunk.media.MediaStore;
import io.starpunk.media.StoredMedia;
import io.starpunk.notes.NoteProperties;

/**
 * The photos of the editor's form. Files chosen in it (parts named {@code photo}) are
 * kept by the media store at once; photos kept before come back as {@code photo-key}
 * fields ({@code url:<address>}, or {@code new:<n>} for the n-th file of this request, as
 * the editor's script sends them) beside their {@code photo-alt}, {@code photo-position}
 * and {@code photo-remove} fields. An address in a hidden field is taken only when it is
 * this site's media or a photo the note already has.
 */
@Component
class EditorPhotos {

	/** The most photos a note written in the editor has. */
	static final int MAX = 4;

	static final String KEPT = "url:";

	static final String NEW = "new:";

	private static final Pattern MEDIA_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[A-Za-z0-9]+");

	private final MediaStore media;

	EditorPhotos(MediaStore media) {
		this.media = media;
	}

	/** The photos a note has, as the editor shows them. */
	static List<EditorPhoto> of(NoteProperties properties) {
		return properties.photos()
			.stream()
			.map((photo) -> new EditorPhoto(photo.url(), (photo.alt() != null) ? photo.alt() : ""))
			.toList();
	}

	/**
	 * Reads the form's photos and keeps the files it carries.
	 * @param request the form
	 * @param onNote the photos the note has now (none for a new note)
	 * @return the photos, in order, and any problem
	 */
	PhotoChoice read(HttpServletRequest request, List<EditorPhoto> onNote) {
		List<MultipartFile> files = (request instanceof MultipartHttpServletRequest multipart)
				? multipart.getFiles("photo").stream().filter((file) -> !file.isEmpty()).toList() : List.of();
		String[] keys = values(request, "photo-key");
		String[] alts = values(request, "photo-alt");
		String[] positions = values(request, "photo-position");
		Set<String> removed = Set.of(values(request, "photo-remove"));
		Problems problems = new Problems();
		String[] uploaded = store(files, problems);
		boolean[] placed = new boolean[files.size()];
		List<Placed> chosen = new ArrayList<>();
		for (int i = 0; i < keys.length; i++) {
			String key = keys[i];
			String alt = (i < alts.length) ? alts[i].strip() : "";
			if (removed.contains(key)) {
				continue;
			}
			String url = null;
			if (key.startsWith(KEPT)) {
				url = key.substring(KEPT.length());
				if (!trusted(url, onNote)) {
					problems.add(HttpStatus.UNPROCESSABLE_CONTENT,
							"A photo address in the form is not one of this site's uploads, so it was left out.");
					continue;
				}
			}
			else if (key.startsWith(NEW)) {
				int n = index(key.substring(NEW.length()), files.size());
				if (n < 0 || placed[n]) {
					continue;
				}
				placed[n] = true;
				url = uploaded[n];
			}
			if (url != null) {
				int position = position(positions, i);
				chosen.add(new Placed(new EditorPhoto(url, alt), position, position != i + 1, chosen.size()));
			}
		}
		for (int n = 0; n < files.size(); n++) {
			if (!placed[n] && uploaded[n] != null) {
				// a file chosen without the script: after the others, without alt text
				// yet
				chosen.add(new Placed(new EditorPhoto(uploaded[n], ""), Integer.MAX_VALUE, false, chosen.size()));
			}
		}
		// a photo given a new position goes before the one that had it
		chosen.sort(Comparator.comparingInt(Placed::position)
			.thenComparing(Placed::moved, Comparator.reverseOrder())
			.thenComparingInt(Placed::order));
		List<EditorPhoto> photos = chosen.stream().map(Placed::photo).toList();
		if (photos.size() > MAX) {
			problems.add(HttpStatus.UNPROCESSABLE_CONTENT,
					"A note takes at most " + MAX + " photos; remove " + (photos.size() - MAX)
							+ " of them before saving. Nothing was saved, and every photo is kept below.");
		}
		return new PhotoChoice(photos, problems.message(), problems.status());
	}

	/** Keeps each file; a refused one is named in the problems and has no address. */
	private String[] store(List<MultipartFile> files, Problems problems) {
		String[] urls = new String[files.size()];
		for (int n = 0; n < files.size(); n++) {
			MultipartFile file = files.get(n);
			String name = name(file);
			try (InputStream content = file.getInputStream()) {
				StoredMedia stored = this.media.store(content);
				urls[n] = stored.url().toString();
			}
			catch (MediaRefusedException ex) {
				problems.add(ex.status(), name + " was not added: " + ex.getMessage() + ".");
			}
			catch (DataAccessException | TransactionException ex) {
				if (!DatabaseUnavailable.causedBy(ex)) {
					throw ex;
				}
				problems.add(HttpStatus.SERVICE_UNAVAILABLE,
						"The database did not answer, so " + name + " was not added; choose it again.");
			}
			catch (IOException | UncheckedIOException ex) {
				problems.add(HttpStatus.SERVICE_UNAVAILABLE,
						name + " could not be stored; choose it again in a moment.");
			}
		}
		return urls;
	}

	/**
	 * Whether an address from a hidden field may be kept: the note's, or this site's
	 * media.
	 */
	private boolean trusted(String url, List<EditorPhoto> onNote) {
		if (onNote.stream().anyMatch((photo) -> photo.url().equals(url))) {
			return true;
		}
		// the media store's own reading of its URLs, held to plain names
		return this.media.pathOf(url)
			.filter((path) -> MEDIA_PATH.matcher(path.substring("media/".length())).matches())
			.isPresent();
	}

	private static String name(MultipartFile file) {
		String name = file.getOriginalFilename();
		if (name == null || name.isBlank()) {
			return "A photo";
		}
		String plain = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
		return plain.isEmpty() ? "A photo" : "“" + ((plain.length() > 80) ? plain.substring(0, 80) + "…" : plain) + "”";
	}

	private static int index(String text, int size) {
		try {
			int n = Integer.parseInt(text);
			return (n >= 0 && n < size) ? n : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static int position(String[] positions, int i) {
		if (i < positions.length) {
			try {
				return Integer.parseInt(positions[i].strip());
			}
			catch (NumberFormatException ex) {
				// an empty or unreadable position keeps the photo where it was
			}
		}
		return i + 1;
	}

	private static String[] values(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return (values != null) ? values : new String[0];
	}

	private record Placed(EditorPhoto photo, int position, boolean moved, int order) {
	}

	/** What went wrong, in order, and the status of the first refusal. */
	private static final class Problems {

		private final List<String> messages = new ArrayList<>();

		private HttpStatus status = HttpStatus.OK;

		void add(HttpStatus status, String message) {
			if (this.messages.isEmpty()) {
				this.status = status;
			}
			if (!this.messages.contains(message)) {
				this.messages.add(message);
			}
		}

		String message() {
			return this.messages.isEmpty() ? null : String.join(" ", this.messages);
		}

		HttpStatus status() {
			return this.status;
		}

	}

}
