package io.starpunk.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.NotesChanged;

/**
 * The sizes of this site's stored images, for {@code srcset}, {@code width} and
 * {@code height} on pages and the right size in feeds. A photo that is not one of this
 * site's stored images, or whose size is unknown, has no description and is shown as
 * given. A variant whose file is missing is left out, never offered as a broken image.
 * Descriptions are cached (by path) until an image is stored, cleaned or deleted.
 */
@Service
public class ResponsiveImages implements MeterBinder {

	private static final int CACHED = 5_000;

	private final MediaRepository media;

	private final StarpunkSettings settings;

	private final String prefix;

	private final Cache<String, Optional<ResponsiveImage>> cache = Caffeine.newBuilder()
		.maximumSize(CACHED)
		.expireAfterWrite(Duration.ofMinutes(10))
		.recordStats()
		.build();

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ResponsiveImages(MediaRepository media, StarpunkSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.media = media;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		this.prefix = settings.url("media").toString() + "/";
	}

	/**
	 * The descriptions of images, read together.
	 * @param urls photo URLs, any
	 * @return the description of each URL that is one of this site's stored originals
	 * with a known size
	 */
	public Map<String, ResponsiveImage> describe(Collection<String> urls) {
		Map<String, String> pathByUrl = new LinkedHashMap<>();
		for (String url : urls) {
			pathOf(url).ifPresent((path) -> pathByUrl.put(url, path));
		}
		Map<String, Optional<ResponsiveImage>> byPath = new HashMap<>(
				this.cache.getAll(pathByUrl.values(), this::load));
		Map<String, ResponsiveImage> described = new LinkedHashMap<>();
		pathByUrl.forEach((url, path) -> byPath.getOrDefault(path, Optional.empty())
			.ifPresent((image) -> described.put(url, image)));
		return described;
	}

	/**
	 * Forgets every description, after an image was stored, cleaned or deleted, and tells
	 * the rendered pages that show them.
	 */
	void forget() {
		this.cache.invalidateAll();
		this.events.publishEvent(new NotesChanged(this.clock.instant()));
	}

	/**
	 * The path of a URL of this site's media, relative to {@code DATA_PATH}.
	 * @param url any URL
	 * @return {@code media/...}, or empty for a URL that is not under this site's
	 * {@code /media/}
	 */
	Optional<String> pathOf(String url) {
		if (url == null || !url.startsWith(this.prefix) || url.contains("?") || url.contains("#")) {
			return Optional.empty();
		}
		String rest = url.substring(this.prefix.length());
		if (rest.isEmpty() || rest.contains("..") || rest.contains("//") || rest.contains("\\")) {
			return Optional.empty();
		}
		return Optional.of("media/" + rest);
	}

	private Map<String, Optional<ResponsiveImage>> load(Collection<? extends String> paths) {
		List<MediaFile> originals = this.media.findByPaths(List.copyOf(paths))
			.stream()
			.filter((file) -> file.originalId() == null && file.width() != null && file.height() != null)
			.toList();
		Map<Long, List<MediaFile>> variants = this.media.variantsOf(originals.stream().map(MediaFile::id).toList())
			.stream()
			.filter((variant) -> variant.width() != null && variant.height() != null)
			.filter((variant) -> Files.isRegularFile(file(variant)))
			.collect(Collectors.groupingBy(MediaFile::originalId));
		Map<String, Optional<ResponsiveImage>> loaded = new HashMap<>();
		paths.forEach((path) -> loaded.put(path, Optional.empty()));
		for (MediaFile original : originals) {
			loaded.put(original.path(),
					Optional.of(describe(original, variants.getOrDefault(original.id(), List.of()))));
		}
		return loaded;
	}

	private ResponsiveImage describe(MediaFile original, List<MediaFile> variants) {
		List<String> candidates = new ArrayList<>();
		MediaFile feed = original;
		for (MediaFile variant : variants) {
			if (Variant.THUMB.key().equals(variant.variant()) || variant.width() >= original.width()) {
				continue;
			}
			candidates.add(url(variant) + " " + variant.width() + "w");
			if (Variant.LARGE.key().equals(variant.variant())) {
				feed = variant;
			}
		}
		String srcset = null;
		if (!candidates.isEmpty()) {
			candidates.add(url(original) + " " + original.width() + "w");
			srcset = String.join(", ", candidates);
		}
		return new ResponsiveImage(url(original), original.width(), original.height(), srcset, url(feed), feed.width(),
				feed.height(), feed.contentType(), feed.size());
	}

	private String url(MediaFile file) {
		return this.settings.url(file.path().split("/")).toString();
	}

	private Path file(MediaFile file) {
		return this.settings.dataPath().resolve(file.path()).normalize();
	}

	/**
	 * Its hits, misses, evictions and size, as the {@code cache.*} meters tagged
	 * {@code cache=responsive_images}.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.cache, "responsive_images");
	}

}
