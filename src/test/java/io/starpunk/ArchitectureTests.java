package io.starpunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house style's rules that a reviewer would otherwise have to remember: which package
 * may use which, who may open the database, no field injection, no inline clock,
 * package-private controllers, DDL only in migrations.
 */
class ArchitectureTests {

	/**
	 * Each capability package and the packages it may use (besides itself). A new package
	 * fails here until its arrows are written down.
	 */
	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("config", Set.of()),
			Map.entry("http", Set.of("config")), Map.entry("database", Set.of("config")),
			Map.entry("backup", Set.of("config", "database")), Map.entry("export", Set.of("config", "notes", "media")),
			Map.entry("health", Set.of("config", "database", "notes")),
			Map.entry("notes", Set.of("config", "database", "jobs")),
			Map.entry("rendered", Set.of("config", "http", "notes")),
			Map.entry("site", Set.of("config", "http", "notes", "media", "replycontext", "webmention")),
			Map.entry("feed", Set.of("config", "http", "notes", "media", "replycontext")),
			Map.entry("owner", Set.of("config", "http")),
			Map.entry("admin", Set.of("config", "http", "notes", "owner", "indieauth", "media", "jobs", "webmention")),
			Map.entry("indieauth", Set.of("config", "http", "owner")),
			Map.entry("media", Set.of("config", "http", "notes")),
			Map.entry("micropub", Set.of("config", "http", "notes", "indieauth", "media")),
			Map.entry("search", Set.of("config", "http", "notes", "site")), Map.entry("monitoring", Set.of("config")),
			Map.entry("jobs", Set.of("config")),
			Map.entry("replycontext", Set.of("config", "http", "notes", "jobs", "microformats")),
			Map.entry("microformats", Set.of()),
			Map.entry("webmention", Set.of("config", "http", "notes", "jobs", "microformats")),
			Map.entry("websub", Set.of("config", "http", "notes", "jobs")),
			Map.entry("syndication", Set.of("config", "http", "notes", "jobs")));

	private static JavaClasses production;

	@BeforeAll
	static void importProductionClasses() {
		production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.starpunk", "db.migration");
	}

	@Test
	void packagesDependOnlyAlongTheAllowedArrows() {
		Set<String> packages = production.stream()
			.map((type) -> type.getPackageName())
			.filter((name) -> name.startsWith("io.starpunk."))
			.map((name) -> name.substring("io.starpunk.".length()).split("\\.")[0])
			.collect(java.util.stream.Collectors.toSet());
		assertThat(ALLOWED.keySet()).as("every package has its arrows written down").containsAll(packages);
		ALLOWED.forEach((name, allowed) -> {
			List<String> forbidden = ALLOWED.keySet()
				.stream()
				.filter((other) -> !other.equals(name) && !allowed.contains(other))
				.map((other) -> "io.starpunk." + other + "..")
				.toList();
			if (!forbidden.isEmpty()) {
				noClasses().that()
					.resideInAPackage("io.starpunk." + name + "..")
					.should()
					.dependOnClassesThat()
					.resideInAnyPackage(forbidden.toArray(String[]::new))
					.check(production);
			}
		});
	}

	/**
	 * {@code config} is settings and small shared values; what speaks HTTP, in (request
	 * limits, the client endpoints) or out (the one fetch helper), lives in {@code http}.
	 */
	@Test
	void settingsHoldNoHttpPieces() {
		noClasses().that()
			.resideInAPackage("io.starpunk.config..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "java.net.http..", "org.springframework.web.servlet..",
					"org.springframework.web.filter..", "org.springframework.web.bind..",
					"org.springframework.boot.web..", "org.springframework.boot.servlet..")
			.check(production);
	}

	/** Every outbound fetch goes through the one helper, with its one policy. */
	@Test
	void onlyTheFetchHelperOpensOutboundConnections() {
		noClasses().that()
			.resideOutsideOfPackage("io.starpunk.http..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.hc..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.net.http.HttpClient")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.net.URLConnection")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.net.HttpURLConnection")
			.check(production);
	}

	@Test
	void onlyTheDatabasePackageOpensTheDatabaseOrRunsFlyway() {
		noClasses().that()
			.resideOutsideOfPackages("io.starpunk.database..", "db.migration..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.sqlite..", "com.zaxxer.hikari..", "org.flywaydb..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.sql.DriverManager")
			.check(production);
	}

	@Test
	void timeComesFromTheInjectedClock() {
		for (Class<?> type : List.of(Instant.class, LocalDateTime.class, LocalDate.class, OffsetDateTime.class,
				ZonedDateTime.class)) {
			noClasses().should().callMethod(type, "now").check(production);
		}
		noClasses().should().callMethod(System.class, "currentTimeMillis").check(production);
	}

	@Test
	void noFieldInjection() {
		NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(production);
	}

	@Test
	void controllersArePackagePrivate() {
		classes().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.should()
			.notBePublic()
			.check(production);
	}

	@Test
	void everyPackageSaysWhatItOwns() throws IOException {
		try (Stream<Path> directories = Files.walk(Path.of("src/main/java"))) {
			List<Path> withoutInfo = directories.filter(Files::isDirectory)
				.filter(ArchitectureTests::holdsJava)
				.filter((directory) -> !Files.exists(directory.resolve("package-info.java")))
				.toList();
			assertThat(withoutInfo).isEmpty();
		}
	}

	@Test
	void schemaChangesLiveOnlyInMigrations() throws IOException {
		Pattern ddl = Pattern.compile("\\b(CREATE|ALTER|DROP)\\s+(TABLE|INDEX|UNIQUE\\s+INDEX|VIEW|TRIGGER)\\b",
				Pattern.CASE_INSENSITIVE);
		try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main")),
				Files.walk(Path.of("src/test/java")))) {
			List<Path> offending = files.filter(Files::isRegularFile)
				.filter((file) -> file.toString().endsWith(".java") || file.toString().endsWith(".sql"))
				.filter((file) -> !file.toString().replace('\\', '/').contains("db/migration/"))
				.filter((file) -> !file.endsWith(Path.of("src/test/java/io/starpunk/ArchitectureTests.java")))
				.filter((file) -> ddl.matcher(read(file)).find())
				.toList();
			assertThat(offending).isEmpty();
		}
	}

	private static boolean holdsJava(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.anyMatch((file) -> file.toString().endsWith(".java"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
