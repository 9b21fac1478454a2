package io.starpunk.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The two steps that make a file written under DATA_PATH durable once its content is
 * synced: an atomic rename into place, and a sync of the folder that holds the new name.
 * Notes and uploaded media are both written this way.
 */
public final class DurableFiles {

	private DurableFiles() {
	}

	/**
	 * Renames a file into place, atomically where the file system can.
	 * @param from the synced temporary file
	 * @param to where it belongs
	 * @param replace whether a file already at {@code to} is replaced (otherwise the move
	 * fails)
	 * @throws IOException if the move fails
	 */
	public static void move(Path from, Path to, boolean replace) throws IOException {
		CopyOption[] options = replace
				? new CopyOption[] { StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING }
				: new CopyOption[] { StandardCopyOption.ATOMIC_MOVE };
		try {
			Files.move(from, to, options);
		}
		catch (AtomicMoveNotSupportedException ex) {
			if (replace) {
				Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				Files.move(from, to);
			}
		}
	}

	/**
	 * Syncs a folder, so that a name just added to it or removed from it survives a power
	 * cut. Some file systems cannot open a folder for syncing; there the rename stands as
	 * done.
	 * @param directory the folder
	 */
	public static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// nothing more can be done on such a file system
		}
	}

}
