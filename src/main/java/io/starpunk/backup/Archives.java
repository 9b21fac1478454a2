package io.starpunk.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of backup archives: {@code starpunk-backup-<UTC timestamp>.zip} for one taken
 * by the command, {@code starpunk-backup-<UTC timestamp>-scheduled.zip} for one the
 * server's schedule took (the only ones it ever deletes), with {@code -2}, {@code -3}
 * after the timestamp for a second one in the same second.
 */
final class Archives {

	static final Pattern NAME = Pattern.compile("starpunk-backup-(\\d{8}T\\d{6}Z)(?:-(\\d+))?(-scheduled)?\\.zip");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	/** Oldest first: by timestamp, then by the number of the same second. */
	static final Comparator<Path> OLDEST_FIRST = Comparator.comparing((Path file) -> part(file, 1))
		.thenComparingInt((file) -> {
			String number = part(file, 2);
			return (number != null) ? Integer.parseInt(number) : 1;
		});

	private Archives() {
	}

	/**
	 * The name of an archive.
	 * @param now when it is taken
	 * @param attempt 1, or the number of a further archive of the same second
	 * @param scheduled whether the schedule takes it
	 * @return its file name
	 */
	static String name(Instant now, int attempt, boolean scheduled) {
		return "starpunk-backup-" + TIMESTAMP.format(now) + ((attempt > 1) ? "-" + attempt : "")
				+ (scheduled ? "-scheduled" : "") + ".zip";
	}

	static boolean isScheduled(Path file) {
		Matcher matcher = NAME.matcher(file.getFileName().toString());
		return matcher.matches() && matcher.group(3) != null;
	}

	private static String part(Path file, int group) {
		Matcher matcher = NAME.matcher(file.getFileName().toString());
		return matcher.matches() ? matcher.group(group) : null;
	}

}
