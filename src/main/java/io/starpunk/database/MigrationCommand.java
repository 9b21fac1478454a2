package io.starpunk.database;

import java.io.PrintStream;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.starpunk.config.StarpunkConfiguration;

/**
 * {@code --migrate-only} and {@code --migrate-dry-run}: the upgrade without the server,
 * in a small application context that holds the settings and the upgrade and nothing
 * else.
 */
public final class MigrationCommand {

	public static final String MIGRATE_ONLY = "--migrate-only";

	public static final String DRY_RUN = "--migrate-dry-run";

	private MigrationCommand() {
	}

	public static boolean isRequested(String[] args) {
		return List.of(args).contains(MIGRATE_ONLY) || List.of(args).contains(DRY_RUN);
	}

	/**
	 * Runs the command named in the arguments.
	 * @param args the command line
	 * @param out where the dry run's report goes
	 * @return the process exit code
	 */
	public static int run(String[] args, PrintStream out) {
		boolean dryRun = List.of(args).contains(DRY_RUN);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandContext.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(args)) {
			DatabaseUpgrade upgrade = context.getBean(DatabaseUpgrade.class);
			if (dryRun) {
				UpgradePlan plan = upgrade.dryRun();
				out.print(plan.report(upgrade.nextBackupFile(plan)));
				if (plan.trialFailure() != null) {
					out.flush();
					return 1;
				}
			}
			else {
				UpgradePlan plan = upgrade.upgrade();
				out.println("Database " + plan.file() + " is at schema version " + plan.targetVersion());
			}
			out.flush();
			return 0;
		}
		catch (RuntimeException ex) {
			// a StartupFailure inside the context was reported by Spring Boot's failure
			// analysis;
			// one thrown by the upgrade itself is reported here, on one line
			if (ex instanceof StartupFailure failure) {
				System.err.println("starpunk: " + failure.getMessage());
			}
			return 1;
		}
	}

	@Import({ StarpunkConfiguration.class, DatabaseUpgrade.class })
	static class CommandContext {

	}

}
