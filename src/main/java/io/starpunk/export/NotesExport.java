package io.starpunk.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.MediaStore;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteFilter;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.Notes;

/**
 * Writes the export, a ZIP file, straight to the response a page of notes at a time (its
 * memory does not grow with the notes): {@code notes/YYYY/MM/<slug>.md} for each note
 * (deleted ones under {@code deleted/}), its text after YAML front matter;
 * {@code h-feed.json}, the mf2 JSON of every note that is not deleted; and the originals
 * of their photos under {@code media/}, at the paths the front matter and the h-feed
 * name.
 */
@Component
class NotesExport {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Notes notes;

	private final MediaStore media;

	private final MarkdownRenderer renderer;

	private final StarpunkSettings settings;

	NotesExport(Notes notes, MediaStore media, MarkdownRenderer renderer, StarpunkSettings settings) {
		this.notes = notes;
		this.media = media;
		this.renderer = renderer;
		this.settings = settings;
	}

	void write(OutputStream out) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(out);
		Set<String> photos = new LinkedHashSet<>();
		for (NoteFilter filter : List.of(NoteFilter.ALL, NoteFilter.DELETED)) {
			each(filter, (note) -> {
				NoteProperties properties = this.notes.properties(note);
				NoteText text = this.notes.text(note, properties);
				String folder = note.deleted() ? "deleted/" : "";
				entry(zip, folder + note.filePath(),
						(frontMatter(note, properties, photos) + text.markdown()).getBytes(StandardCharsets.UTF_8));
			});
		}
		zip.putNextEntry(new ZipEntry("h-feed.json"));
		zip.write(("{\"type\":[\"h-feed\"],\"properties\":{\"name\":"
				+ json.writeValueAsString(List.of(this.settings.siteName())) + ",\"url\":"
				+ json.writeValueAsString(List.of(this.settings.siteUrl().toString())) + "},\"children\":[")
			.getBytes(StandardCharsets.UTF_8));
		boolean[] first = { true };
		each(NoteFilter.ALL, (note) -> {
			NoteProperties properties = this.notes.properties(note);
			NoteText text = this.notes.text(note, properties);
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("type", List.of("h-entry"));
			entry.put("properties", mf2(note, properties, text));
			write(zip, (first[0] ? "" : ",\n") + json.writeValueAsString(entry));
			first[0] = false;
		});
		zip.write("]}\n".getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
		Path root = this.settings.dataPath().resolve("media").normalize();
		for (String path : photos) {
			Path file = this.settings.dataPath().resolve(path).normalize();
			if (!file.startsWith(root)) {
				continue;
			}
			try (InputStream in = Files.newInputStream(file)) {
				zip.putNextEntry(new ZipEntry(path));
				in.transferTo(zip);
				zip.closeEntry();
			}
			catch (NoSuchFileException ex) {
				// a photo deleted since; its note still names its URL
			}
		}
		zip.finish();
		zip.flush();
	}

	/** Every note of one kind, a page at a time, each once. */
	private void each(NoteFilter filter, NoteWork work) throws IOException {
		Set<Long> seen = new HashSet<>();
		for (int offset = 0;; offset += Notes.MAX_PAGE) {
			List<Note> page = this.notes.list(filter, offset, Notes.MAX_PAGE);
			for (Note note : page) {
				if (seen.add(note.id())) {
					work.run(note);
				}
			}
			if (page.size() < Notes.MAX_PAGE) {
				return;
			}
		}
	}

	private String frontMatter(Note note, NoteProperties properties, Set<String> photos) {
		StringBuilder yaml = new StringBuilder("---\n");
		line(yaml, "slug", note.slug());
		line(yaml, "url", this.settings.url("notes", note.slug()).toString());
		line(yaml, "published", note.createdAt().toString());
		line(yaml, "updated", note.updatedAt().toString());
		line(yaml, "status", note.published() ? "published" : "draft");
		line(yaml, "draft", !note.published());
		if (note.deleted()) {
			line(yaml, "deleted", note.deletedAt().toString());
		}
		properties.name().ifPresent((name) -> line(yaml, "name", name));
		line(yaml, "tags", properties.categories());
		List<Map<String, Object>> photoList = new ArrayList<>();
		for (NoteProperties.Photo photo : properties.photos()) {
			Map<String, Object> item = photo(photo, photos);
			photoList.add(item);
		}
		line(yaml, "photos", photoList);
		line(yaml, "syndication", properties.values().getOrDefault("syndication", List.of()));
		line(yaml, "format", properties.html() ? "html" : "markdown");
		line(yaml, "properties", properties.values());
		return yaml.append("---\n").toString();
	}

	/**
	 * A photo: its URL, its alt text, and its file in the export when it is this site's.
	 */
	private Map<String, Object> photo(NoteProperties.Photo photo, Set<String> photos) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("value", photo.url());
		if (photo.alt() != null) {
			item.put("alt", photo.alt());
		}
		Optional<String> path = this.media.pathOf(photo.url());
		path.ifPresent((file) -> {
			item.put("path", file);
			photos.add(file);
		});
		return item;
	}

	private Map<String, Object> mf2(Note note, NoteProperties properties, NoteText text) {
		Map<String, Object> mf2 = new LinkedHashMap<>();
		properties.values().forEach((name, values) -> {
			if (!name.equals("photo") && !name.equals("content")) {
				mf2.put(name, values);
			}
		});
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("value", text.plain());
		content.put("html", this.renderer.render(text));
		mf2.put("content", List.of(content));
		properties.name().ifPresent((name) -> mf2.put("name", List.of(name)));
		mf2.put("published", List.of(note.createdAt().toString()));
		mf2.put("updated", List.of(note.updatedAt().toString()));
		mf2.put("category", properties.categories());
		List<Object> photos = new ArrayList<>();
		properties.photos().forEach((photo) -> photos.add(photo(photo, new HashSet<>())));
		if (!photos.isEmpty()) {
			mf2.put("photo", photos);
		}
		mf2.put("url", List.of(this.settings.url("notes", note.slug()).toString()));
		mf2.put("uid", List.of(this.settings.url("notes", note.slug()).toString()));
		mf2.put("post-status", List.of(note.published() ? "published" : "draft"));
		return mf2;
	}

	/** A YAML line; every value written as JSON, which YAML reads as it is. */
	private static void line(StringBuilder yaml, String key, Object value) {
		yaml.append(key).append(": ").append(json.writeValueAsString(value)).append('\n');
	}

	private static void entry(ZipOutputStream zip, String path, byte[] content) throws IOException {
		zip.putNextEntry(new ZipEntry(path));
		zip.write(content);
		zip.closeEntry();
	}

	private static void write(ZipOutputStream zip, String text) throws IOException {
		zip.write(text.getBytes(StandardCharsets.UTF_8));
	}

	@FunctionalInterface
	private interface NoteWork {

		void run(Note note) throws IOException;

	}

}
