package io.starpunk.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.database.DatabaseStatus;
import io.starpunk.notes.Notes;

/**
 * {@code GET /health}: 200 when the database answers and {@code DATA_PATH} takes a write,
 * 503 otherwise. Containers and load balancers poll it.
 */
@RestController
class HealthController {

	private final DatabaseStatus database;

	private final StarpunkSettings settings;

	private final Notes notes;

	private final String version;

	HealthController(DatabaseStatus database, StarpunkSettings settings, Notes notes,
			ObjectProvider<BuildProperties> build) {
		this.database = database;
		this.settings = settings;
		this.notes = notes;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
	}

	@GetMapping(path = "/health", produces = "application/json")
	ResponseEntity<Health> showHealth() {
		DatabaseStatus.Status status = this.database.check();
		boolean writable = dataPathWritable(this.settings.dataPath());
		boolean healthy = status.reachable() && writable;
		Health health = new Health(healthy ? "ok" : "unavailable", this.version, status.schemaVersion(),
				status.reachable(), writable, this.notes.integrityProblems());
		return ResponseEntity.status(healthy ? 200 : 503).header("Cache-Control", "no-store").body(health);
	}

	/** A real write, since permission bits say nothing to a process running as root. */
	private static boolean dataPathWritable(Path dataPath) {
		try {
			Path probe = Files.createTempFile(dataPath, ".health-", ".tmp");
			Files.delete(probe);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The health report.
	 *
	 * @param status {@code ok} or {@code unavailable}
	 * @param version the server's version
	 * @param schemaVersion the database's schema version
	 * @param databaseReachable whether the database answered a query
	 * @param dataPathWritable whether a file could be written in {@code DATA_PATH}
	 * @param noteFilesMismatched notes read since start whose file was missing, could not
	 * be read, or did not match its content hash (reported, not a reason to be unhealthy)
	 */
	record Health(String status, String version, String schemaVersion, boolean databaseReachable,
			boolean dataPathWritable, int noteFilesMismatched) {
	}

}
