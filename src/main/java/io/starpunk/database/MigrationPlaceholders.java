package io.starpunk.database;

import java.util.Map;

/**
 * What {@link DatabaseUpgrade} tells Flyway's Java migrations, as Flyway placeholders
 * (read with {@code context.getConfiguration().getPlaceholders()}); SQL migrations see
 * none of them, placeholder replacement being off.
 */
public final class MigrationPlaceholders {

	/** SITE_URL, ending with one {@code /}. */
	public static final String SITE_URL = "siteUrl";

	/**
	 * The directory to read the files the database names from (notes, media): DATA_PATH,
	 * also during a dry run's trial on a scratch copy of the database. Migrations only
	 * read files there.
	 */
	public static final String DATA_PATH = "dataPath";

	/** The time of this upgrade, as {@code io.starpunk.config.SqlTime} writes it. */
	public static final String UPGRADE_TIME = "upgradeTime";

	private MigrationPlaceholders() {
	}

	/**
	 * A placeholder's value, which the upgrade always gives.
	 * @param placeholders the configuration's placeholders
	 * @param name one of the names above
	 * @return its value
	 * @throws IllegalStateException if it was not given (Flyway run some other way)
	 */
	public static String required(Map<String, String> placeholders, String name) {
		String value = placeholders.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("the Flyway placeholder '" + name + "' is not set (run the upgrade through"
					+ " io.starpunk.database.DatabaseUpgrade)");
		}
		return value;
	}

}
