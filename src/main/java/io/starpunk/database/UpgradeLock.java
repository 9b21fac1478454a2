package io.starpunk.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A lock file in the data directory that lets one process at a time run the upgrade.
 * Several servers started together on one directory take turns: the first migrates, the
 * others find nothing pending. The operating system releases it when a process dies.
 * <p>
 * The file is left in place on exit, on purpose: the lock belongs to the open file, so
 * deleting it would let a process still waiting on the old file and one that creates a
 * new file both hold "the" lock.
 */
final class UpgradeLock implements AutoCloseable {

	static final String FILE_NAME = ".starpunk-upgrade.lock";

	private static final Log log = LogFactory.getLog(UpgradeLock.class);

	private final FileChannel channel;

	private final FileLock lock;

	private UpgradeLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	static UpgradeLock acquire(Path dataPath, Duration timeout) throws IOException {
		Path file = dataPath.resolve(FILE_NAME);
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean told = false;
		try {
			while (true) {
				FileLock lock = tryLock(channel);
				if (lock != null) {
					return new UpgradeLock(channel, lock);
				}
				if (System.nanoTime() > deadline) {
					throw new StartupFailure("Another StarPunk process has been upgrading " + dataPath
							+ " for more than " + timeout.toSeconds() + " s (it holds " + file
							+ "); try again when it has finished.");
				}
				if (!told) {
					log.info("Waiting for another StarPunk process to finish upgrading " + dataPath);
					told = true;
				}
				Thread.sleep(50);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			channel.close();
			throw new StartupFailure("Interrupted while waiting for the upgrade lock " + file);
		}
		catch (RuntimeException | IOException ex) {
			channel.close();
			throw ex;
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// held by another thread of this process (two application contexts at once)
			return null;
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.lock.release();
		}
		finally {
			this.channel.close();
		}
	}

}
