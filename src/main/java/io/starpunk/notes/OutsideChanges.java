package io.starpunk.notes;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.starpunk.config.Jobs;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.database.DataVersion;

/**
 * Changes to the notes made outside this process reach every cache as a
 * {@link NotesChanged}: a commit by another process on the database (SQLite's data
 * version, polled every second), and a note's file edited by hand (a file watcher, and a
 * sweep of the files' sizes and times every 30 seconds for file systems that tell no
 * watcher). Both run on background threads, started after the server is up.
 */
@Component
class OutsideChanges implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(OutsideChanges.class);

	static final Duration POLL = Duration.ofSeconds(1);

	static final Duration SWEEP = Duration.ofSeconds(30);

	/** The first sweep, which only takes note of the files, a little after the start. */
	private static final Duration FIRST_SWEEP = Duration.ofSeconds(2);

	/** How long a burst of file events is let settle before it counts as one change. */
	private static final long SETTLE_MILLIS = 100;

	private final DataVersion dataVersion;

	private final Path notes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile ScheduledExecutorService scheduler;

	private volatile WatchService watcher;

	private long lastVersion = -1;

	private FilesState lastFiles;

	private final MeterRegistry meters;

	OutsideChanges(DataVersion dataVersion, StarpunkSettings settings, ApplicationEventPublisher events, Clock clock,
			MeterRegistry meters) {
		this.dataVersion = dataVersion;
		this.meters = meters;
		this.notes = settings.dataPath().resolve("notes");
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void start() {
		ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "starpunk-outside-changes");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler = threads;
		this.lastVersion = this.dataVersion.read().orElse(-1);
		threads.scheduleWithFixedDelay(this::pollDataVersion, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
		threads.execute(this::watchFiles);
		threads.scheduleWithFixedDelay(() -> Jobs.run(this.meters, "outside-changes-sweep", this::sweepFiles),
				FIRST_SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService threads = this.scheduler;
		this.scheduler = null;
		WatchService watching = this.watcher;
		if (watching != null) {
			try {
				watching.close();
			}
			catch (IOException ex) {
				// the watcher is being let go
			}
		}
		if (threads != null) {
			threads.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void pollDataVersion() {
		OptionalLong version = this.dataVersion.read();
		if (version.isPresent() && version.getAsLong() != this.lastVersion) {
			boolean first = this.lastVersion < 0;
			this.lastVersion = version.getAsLong();
			if (!first) {
				changed();
			}
		}
	}

	/** Compares the files with the last sweep; the first sweep only takes note. */
	private void sweepFiles() {
		FilesState state = FilesState.of(this.notes);
		FilesState previous = this.lastFiles;
		this.lastFiles = state;
		if (previous != null && !previous.equals(state)) {
			changed();
		}
	}

	private void watchFiles() {
		try (WatchService watching = FileSystems.getDefault().newWatchService()) {
			this.watcher = watching;
			Files.createDirectories(this.notes);
			register(watching, this.notes);
			while (this.scheduler != null) {
				WatchKey key = watching.take();
				boolean noteChanged = handle(watching, key);
				Thread.sleep(SETTLE_MILLIS);
				for (WatchKey more = watching.poll(); more != null; more = watching.poll()) {
					noteChanged |= handle(watching, more);
				}
				if (noteChanged) {
					changed();
				}
			}
		}
		catch (ClosedWatchServiceException | InterruptedException ex) {
			// stopping
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Note files edited by hand are seen by the sweep every " + SWEEP.toSeconds()
					+ " s only: no file watcher (" + ex.getMessage() + ")");
		}
	}

	/**
	 * Reads a key's events: a new folder is watched too; anything but a temporary file (a
	 * name starting with a dot) counts as a change.
	 */
	private boolean handle(WatchService watching, WatchKey key) {
		boolean changed = false;
		Path folder = (Path) key.watchable();
		for (WatchEvent<?> event : key.pollEvents()) {
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				changed = true;
				continue;
			}
			Path child = folder.resolve((Path) event.context());
			if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
				try {
					register(watching, child);
				}
				catch (IOException ex) {
					// a folder gone again at once; the sweep sees its files if it comes
					// back
				}
			}
			changed |= !child.getFileName().toString().startsWith(".");
		}
		key.reset();
		return changed;
	}

	private static void register(WatchService watching, Path root) throws IOException {
		Files.walkFileTree(root, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
				folder.register(watching, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
						StandardWatchEventKinds.ENTRY_MODIFY);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE;
			}
		});
	}

	private void changed() {
		this.events.publishEvent(new NotesChanged(this.clock.instant()));
	}

	/**
	 * What a sweep sees of the note files: how many, and the sums of their sizes and
	 * modification times. An edit, an addition or a removal changes it.
	 *
	 * @param files how many files
	 * @param bytes their sizes added up
	 * @param modified their modification times added up, in milliseconds
	 */
	record FilesState(long files, long bytes, long modified) {

		static FilesState of(Path notes) {
			long[] sums = new long[3];
			if (Files.isDirectory(notes)) {
				try {
					Files.walkFileTree(notes, new SimpleFileVisitor<>() {
						@Override
						public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
							if (!file.getFileName().toString().startsWith(".")) {
								sums[0]++;
								sums[1] += attributes.size();
								sums[2] += attributes.lastModifiedTime().toMillis();
							}
							return FileVisitResult.CONTINUE;
						}

						@Override
						public FileVisitResult visitFileFailed(Path file, IOException ex) {
							return FileVisitResult.CONTINUE;
						}
					});
				}
				catch (IOException ex) {
					// counted as far as it could be read
				}
			}
			return new FilesState(sums[0], sums[1], sums[2]);
		}

	}

}
