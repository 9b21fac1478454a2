package io.starpunk.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.starpunk.config.StarpunkConfiguration;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.database.DatabaseSnapshots;

/**
 * {@code --backup [DIR]} and {@code --restore ARCHIVE [DATA_PATH]}: a backup or a restore
 * without the server (beside a running one, for a backup), in a small application context
 * that holds the settings and nothing else. One line on standard output when it worked;
 * one line starting {@code starpunk: } on standard error and exit code 1 when it did not;
 * exit code 2 for a command line that cannot be understood.
 */
public final class BackupCommand {

	public static final String BACKUP = "--backup";

	public static final String RESTORE = "--restore";

	private BackupCommand() {
	}

	public static boolean isRequested(String[] args) {
		return List.of(args).contains(BACKUP) || List.of(args).contains(RESTORE);
	}

	/**
	 * Runs the command named in the arguments.
	 * @param args the command line
	 * @param out where the line that says what was done goes
	 * @param err where the line that says why not goes
	 * @return the process exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		List<String> all = List.of(args);
		boolean restore = all.contains(RESTORE);
		if (restore && all.contains(BACKUP)) {
			err.println("starpunk: give " + BACKUP + " or " + RESTORE + ", not both");
			return 2;
		}
		List<String> operands = operands(all, restore ? RESTORE : BACKUP);
		if ((restore && (operands.isEmpty() || operands.size() > 2)) || (!restore && operands.size() > 1)) {
			err.println("starpunk: usage: " + BACKUP + " [DIR] | " + RESTORE + " ARCHIVE [DATA_PATH]");
			return 2;
		}
		ConfigurableApplicationContext started;
		try {
			started = new SpringApplicationBuilder(CommandContext.class).web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.run(args);
		}
		catch (RuntimeException ex) {
			// a wrong setting, reported by Spring Boot's failure analysis as one line
			return 1;
		}
		try (ConfigurableApplicationContext context = started) {
			StarpunkSettings settings = context.getBean(StarpunkSettings.class);
			if (restore) {
				Path archive = Path.of(operands.get(0)).toAbsolutePath().normalize();
				Path target = (operands.size() > 1) ? Path.of(operands.get(1)).toAbsolutePath().normalize()
						: settings.dataPath();
				Restorer.Restored restored = context.getBean(Restorer.class).restore(archive, target);
				out.println("Restored " + archive + " (taken " + restored.takenAt() + ", schema version "
						+ restored.schemaVersion() + ", " + restored.entries() + " files, each checked) into "
						+ restored.target());
			}
			else {
				BackupWriter writer = context.getBean(BackupWriter.class);
				Path directory = operands.isEmpty() ? writer.defaultDirectory()
						: Path.of(operands.get(0)).toAbsolutePath().normalize();
				BackupWriter.Written written = writer.write(directory, false,
						(work) -> DatabaseSnapshots.whileWritesWait(settings, work::run));
				out.println("Backed up " + settings.dataPath() + " to " + written.archive() + " (" + written.entries()
						+ " files, " + megabytes(written.size()) + ", schema version " + written.schemaVersion() + ")");
			}
			out.flush();
			return 0;
		}
		catch (BackupException ex) {
			err.println("starpunk: " + ex.getMessage());
			return 1;
		}
		catch (RuntimeException ex) {
			err.println("starpunk: the " + (restore ? "restore" : "backup") + " failed: " + BackupWriter.reason(ex));
			return 1;
		}
	}

	/** The words after the command's flag that are not options. */
	private static List<String> operands(List<String> args, String flag) {
		return args.subList(args.indexOf(flag) + 1, args.size())
			.stream()
			.takeWhile((arg) -> !arg.startsWith("--"))
			.toList();
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
	}

	@Import({ StarpunkConfiguration.class, BackupWriter.class, Restorer.class })
	static class CommandContext {

	}

}
