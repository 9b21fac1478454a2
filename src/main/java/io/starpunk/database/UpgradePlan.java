package io.starpunk.database;

import java.nio.file.Path;
import java.util.List;

/**
 * What the upgrade found and what it will do.
 *
 * @param file the database file
 * @param state what the file holds
 * @param currentVersion the schema version it is at (for a StarPunk database, the version
 * it will be baselined at), or {@code null} for a new database
 * @param pending the migrations to apply, as {@code version - description}
 * @param targetVersion the schema version after the upgrade
 * @param trialFailure for a dry run, why the upgrade of a scratch copy failed, or
 * {@code null} if it succeeded or was not tried
 */
record UpgradePlan(Path file, DatabaseState state, String currentVersion, List<String> pending, String targetVersion,
		String trialFailure) {

	UpgradePlan withTrialFailure(String failure) {
		return new UpgradePlan(this.file, this.state, this.currentVersion, this.pending, this.targetVersion, failure);
	}

	boolean needsBackup() {
		return this.state.existing() && !this.pending.isEmpty();
	}

	/**
	 * The dry run's report.
	 * @param backupFile the file a backup would be written to
	 * @return lines for a person
	 */
	String report(Path backupFile) {
		StringBuilder report = new StringBuilder();
		report.append("Database: ").append(this.file).append('\n');
		report.append("Detected: ").append(this.state.description()).append('\n');
		if (!this.state.starpunkMigrations().isEmpty()) {
			report.append("StarPunk migrations recorded: ").append(this.state.starpunkMigrations()).append('\n');
		}
		report.append("Schema version: ")
			.append((this.currentVersion != null) ? this.currentVersion : "none")
			.append('\n');
		if (this.state.kind() == DatabaseState.Kind.STARPUNK) {
			report.append("Would adopt it as schema version ").append(this.state.baselineVersion()).append('\n');
		}
		if (this.pending.isEmpty()) {
			report.append("Pending migrations: none; nothing would change\n");
			return report.toString();
		}
		report.append("Backup: ")
			.append(needsBackup() ? "would write " + backupFile : "none (a new database has nothing to lose)")
			.append('\n');
		report.append("Pending migrations, to schema version ").append(this.targetVersion).append(":\n");
		this.pending.forEach((migration) -> report.append("  ").append(migration).append('\n'));
		if (needsBackup()) {
			report.append("Trial upgrade of a scratch copy: ")
				.append((this.trialFailure != null) ? "FAILED: " + this.trialFailure : "succeeded")
				.append('\n');
		}
		report.append("Dry run: nothing was changed\n");
		return report.toString();
	}

}
