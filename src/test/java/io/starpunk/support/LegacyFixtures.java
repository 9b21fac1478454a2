package io.starpunk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The StarPunk data directories in {@code src/test/resources/starpunk-legacy} (see
 * STATES.md and make_more_fixtures.py there), copied for a test to change.
 */
public final class LegacyFixtures {

	/** The folders of the shared set that a correct upgrade brings up (STATES.md). */
	public static final List<String> SHARED = List.of("v0.6", "v0.8", "v0.9.5", "v0.9.5-hotfix-option1",
			"v1.0.0-rc.1-partial", "v1.0.0-rc.3", "v1.0.0");

	/**
	 * Further states a StarPunk from 0.1 to 1.0.x could leave (make_more_fixtures.py).
	 */
	public static final List<String> MORE = List.of("v0.1", "v0.9.5-after-rc.1-crash", "v1.0.0-rc.4");

	/**
	 * StarPunk 1.1, 1.3 and 1.5 (shared set, STATES.md points 8-12): search index,
	 * photos, tags, image variants.
	 */
	public static final List<String> LATER = List.of("v1.1.0", "v1.3.0", "v1.5.0");

	/** Every fixture of StarPunk 0.1 to 1.0 that must upgrade. */
	public static final List<String> UPGRADABLE = Stream.concat(SHARED.stream(), MORE.stream()).toList();

	/**
	 * The schema version after every migration, as Flyway records it: the one place tests
	 * name it, to change when a migration is added.
	 */
	public static final String SCHEMA_VERSION = "010";

	/** The owner in every fixture. */
	public static final String ME = "https://owner.example/";

	/**
	 * The live token StarPunk 1.0.0-rc.3 issued; its SHA-256 is in v1.0.0-rc.3 and
	 * v1.0.0-rc.4.
	 */
	public static final String RC3_TOKEN = "rc3-issued-token-0123456789abcdef0123456789abcdef";

	/** The start of the plaintext tokens in the pre-002 fixtures. */
	public static final String PLAINTEXT_TOKEN_PREFIX = "legacy-plaintext-token-";

	private LegacyFixtures() {
	}

	/**
	 * Copies a fixture folder, writable, into a directory.
	 * @param name the fixture's folder name
	 * @param into where to put the copy
	 * @return the copy: a data directory to use as DATA_PATH
	 */
	public static Path copy(String name, Path into) {
		try {
			Path source = Path.of(LegacyFixtures.class.getResource("/starpunk-legacy/" + name).toURI());
			Path target = into.resolve(name);
			try (Stream<Path> files = Files.walk(source)) {
				for (Path file : files.toList()) {
					Path copy = target.resolve(source.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
						Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
					}
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new IllegalArgumentException("No fixture " + name, ex);
		}
	}

}
