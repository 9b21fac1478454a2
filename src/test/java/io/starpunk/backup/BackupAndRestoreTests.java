package io.starpunk.backup;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Jobs;
import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.MovableClock;
import io.starpunk.support.Multipart;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestImages;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backups of a running server through the command's own code path, restored into empty
 * directories and served again; archives that were changed, and targets that are not
 * empty, refused; the schedule's archives pruned to {@code BACKUP_KEEP}.
 */
class BackupAndRestoreTests {

	private static final String TOKEN = "backup-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path temp;

	static Path dataPath;

	static RunningServer server;

	static MicropubClient client;

	static String photoNote;

	@BeforeAll
	static void start() throws Exception {
		dataPath = temp.resolve("data");
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"BACKUP_KEEP=3");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete media");
		client = new MicropubClient(server);
		HttpResponse<String> created = client.multipart("/micropub", TOKEN,
				new Multipart().field("h", "entry")
					.field("content", "A photo before any backup")
					.field("category", "photos")
					.file("photo", "photo.png", "image/png", TestImages.png()));
		assertThat(created.statusCode()).isEqualTo(201);
		photoNote = path(created.headers().firstValue("Location").orElseThrow());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aBackupTakenDuringAWriteLoadRestoresEveryNoteAcknowledgedBeforeIt() throws Exception {
		List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean stop = new AtomicBoolean();
		Thread load = new Thread(() -> {
			for (int i = 1; !stop.get(); i++) {
				HttpResponse<String> response = client.form(TOKEN, "h", "entry", "content", "Load note " + i,
						"category", "load");
				if (response.statusCode() == 201) {
					acknowledged.add(path(response.headers().firstValue("Location").orElseThrow()));
				}
			}
		}, "write-load");
		load.start();
		List<String> before;
		Result backup;
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 20);
			before = List.copyOf(acknowledged);
			backup = command("--backup", temp.resolve("load-backups").toString(), "--DATA_PATH=" + dataPath);
			int atBackupEnd = acknowledged.size();
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atBackupEnd + 5);
		}
		finally {
			stop.set(true);
			load.join(60_000);
		}
		assertThat(backup.exitCode()).as(backup.err()).isZero();
		List<Path> archives = listing(temp.resolve("load-backups"));
		assertThat(archives).as("one archive, no temporary file left").hasSize(1);
		Path archive = archives.get(0);
		assertThat(archive.getFileName().toString()).matches("starpunk-backup-\\d{8}T\\d{6}Z\\.zip");
		assertThat(backup.out()).startsWith("Backed up " + dataPath + " to " + archive + " (");
		JsonNode manifest = manifest(archive);
		assertThat(manifest.path("schemaVersion").asString()).isNotBlank();
		assertThat(manifest.path("entries").get(0).path("path").asString()).isEqualTo("starpunk.db");

		Path restored = temp.resolve("restored-after-load");
		Result restore = command("--restore", archive.toString(), restored.toString());
		assertThat(restore.exitCode()).as(restore.err()).isZero();
		assertThat(restore.out()).startsWith("Restored " + archive).endsWith("into " + restored + "\n");
		List<Map<String, String>> rows = Sqlite.rows(restored.resolve("starpunk.db"),
				"SELECT slug, file_path, content_hash FROM notes");
		for (Map<String, String> row : rows) {
			assertThat(Sha256.hex(Files.readAllBytes(restored.resolve(row.get("file_path"))))).as(row.get("file_path"))
				.isEqualTo(row.get("content_hash"));
		}
		try (RunningServer again = RunningServer.start(restored, List.of(), "SITE_URL=" + SITE)) {
			for (String note : before) {
				HttpResponse<String> page = again.get(note);
				assertThat(page.statusCode()).as(note).isEqualTo(200);
				assertThat(page.body()).contains("Load note ");
			}
			HttpResponse<String> photo = again.get(photoNote);
			assertThat(photo.statusCode()).isEqualTo(200);
			String src = org.jsoup.Jsoup.parse(photo.body()).select(".h-entry img.u-photo").attr("src");
			assertThat(again.get(path(src)).statusCode()).isEqualTo(200);
		}
		assertThat(rows).hasSizeGreaterThanOrEqualTo(before.size() + 1);
	}

	@Test
	void anArchiveWithOneByteChangedIsRefusedAndTheTargetStaysEmpty() throws Exception {
		Path archive = backUp(temp.resolve("tamper-backups"));
		Path media = Files.walk(dataPath.resolve("media")).filter(Files::isRegularFile).findFirst().orElseThrow();
		byte[] photo = Files.readAllBytes(media);
		byte[] bytes = Files.readAllBytes(archive);
		int at = indexOf(bytes, photo);
		assertThat(at).as("the photo is stored as it is").isNotNegative();
		bytes[at + photo.length / 2] ^= 0x01;
		Path tampered = temp.resolve("tampered.zip");
		Files.write(tampered, bytes);
		Path target = Files.createDirectories(temp.resolve("tampered-target"));

		Result restore = command("--restore", tampered.toString(), target.toString());

		assertThat(restore.exitCode()).isEqualTo(1);
		assertThat(restore.err()).startsWith("starpunk: " + dataPath.relativize(media))
			.contains("does not match its manifest (its SHA-256 differs)", "Nothing was restored.")
			.doesNotContain("Exception")
			.hasLineCount(1);
		assertThat(restore.out()).isEmpty();
		assertThat(listing(target)).isEmpty();
	}

	@Test
	void aTargetThatIsNotEmptyIsRefusedAndLeftAsItWas() throws Exception {
		Path archive = backUp(temp.resolve("full-target-backups"));
		Path target = Files.createDirectories(temp.resolve("full-target"));
		Files.writeString(target.resolve("starpunk.db"), "someone else's");

		Result restore = command("--restore", archive.toString(), target.toString());

		assertThat(restore.exitCode()).isEqualTo(1);
		assertThat(restore.err()).isEqualTo("starpunk: The data directory " + target
				+ " is not empty; a restore writes only into an empty directory (move what it holds away, or name a new one)."
				+ " Nothing was restored.\n");
		assertThat(listing(target)).containsExactly(target.resolve("starpunk.db"));
		assertThat(Files.readString(target.resolve("starpunk.db"))).isEqualTo("someone else's");
	}

	@Test
	void somethingThatIsNotAnArchiveIsRefusedInOneLine() throws Exception {
		Path notAnArchive = Files.writeString(temp.resolve("notes.zip"), "not a zip at all");
		Path target = temp.resolve("never-made");

		Result restore = command("--restore", notAnArchive.toString(), target.toString());

		assertThat(restore.exitCode()).isEqualTo(1);
		assertThat(restore.err()).startsWith("starpunk: " + notAnArchive + " is not a backup archive").hasLineCount(1);
		assertThat(target).doesNotExist();
		assertThat(command("--restore").exitCode()).isEqualTo(2);
	}

	@Test
	void theScheduleKeepsTheNewestBackupKeepArchivesAndNoOthersOfItsOwn() throws Exception {
		StarpunkSettings settings = server.context().getBean(StarpunkSettings.class);
		MovableClock clock = new MovableClock(Instant.parse("2031-05-01T03:00:00Z"));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ScheduledBackups schedule = new ScheduledBackups(settings, new BackupWriter(settings, clock),
				server.context().getBean(TransactionTemplate.class), meters);
		Path directory = dataPath.resolve("backups");
		Path manual = backUp(directory);
		Path unrelated = Files.writeString(directory.resolve("starpunk-backup-notes.txt"), "the owner's");
		List<String> taken = new ArrayList<>();
		for (int day = 0; day < 5; day++) {
			taken.add(schedule.runOnce().orElseThrow().getFileName().toString());
			clock.move(Duration.ofDays(1));
		}
		// and two in one second, the second as the schedule's thread runs it: timed
		taken.add(schedule.runOnce().orElseThrow().getFileName().toString());
		schedule.timedRun();
		taken.add(listing(directory).stream()
			.map((file) -> file.getFileName().toString())
			.filter((name) -> name.endsWith("-2-scheduled.zip"))
			.findFirst()
			.orElseThrow());
		assertThat(meters.get(Jobs.TIMER).tag("job", "backup").tag("outcome", "success").timer().count()).isEqualTo(1);

		assertThat(taken.subList(0, 2)).containsExactly("starpunk-backup-20310501T030000Z-scheduled.zip",
				"starpunk-backup-20310502T030000Z-scheduled.zip");
		assertThat(taken.subList(5, 7)).containsExactly("starpunk-backup-20310506T030000Z-scheduled.zip",
				"starpunk-backup-20310506T030000Z-2-scheduled.zip");
		assertThat(listing(directory)).filteredOn(Archives::isScheduled)
			.extracting((file) -> file.getFileName().toString())
			.containsExactlyInAnyOrder(taken.get(4), taken.get(5), taken.get(6));
		assertThat(manual).exists();
		assertThat(unrelated).exists();
		Path restored = temp.resolve("restored-scheduled");
		assertThat(command("--restore", directory.resolve(taken.get(6)).toString(), restored.toString()).exitCode())
			.isZero();
		assertThat(Sqlite.rows(restored.resolve("starpunk.db"), "SELECT count(*) AS n FROM notes").get(0).get("n"))
			.isNotEqualTo("0");
	}

	private static Path backUp(Path directory) throws Exception {
		List<Path> before = Files.isDirectory(directory) ? listing(directory) : List.of();
		Result backup = command("--backup", directory.toString(), "--DATA_PATH=" + dataPath);
		assertThat(backup.exitCode()).as(backup.err()).isZero();
		List<Path> after = new ArrayList<>(listing(directory));
		after.removeAll(before);
		assertThat(after).hasSize(1);
		return after.get(0);
	}

	private static JsonNode manifest(Path archive) throws Exception {
		try (ZipFile zip = new ZipFile(archive.toFile())) {
			JsonNode manifest = json.readTree(zip.getInputStream(zip.getEntry("manifest.json")));
			for (JsonNode entry : manifest.path("entries")) {
				byte[] content = zip.getInputStream(zip.getEntry(entry.path("path").asString())).readAllBytes();
				assertThat(content).hasSize(entry.path("size").asInt());
				assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content)))
					.isEqualTo(entry.path("sha256").asString());
			}
			assertThat(zip.size()).isEqualTo(manifest.path("entries").size() + 1);
			return manifest;
		}
	}

	private static Result command(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = BackupCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static List<Path> listing(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.sorted().toList();
		}
	}

	private static String path(String url) {
		return URI.create(url).getRawPath();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	record Result(int exitCode, String out, String err) {
	}

}
