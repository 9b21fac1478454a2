package io.starpunk.database;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one line a failed start prints keeps the reason of a file system failure, not only
 * the file's name (the JDK's message for a denied access is the file's name alone).
 */
class StartupFailureMessagesTests {

	@Test
	void aDeniedAccessNamesTheFileTheReasonAndTheServersUser() throws Exception {
		String uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
		assertThat(DatabaseUpgrade.cause(new RuntimeException(new AccessDeniedException("/data/.lock"))))
			.isEqualTo("/data/.lock: permission denied for the server's user, uid " + uid);
	}

	@Test
	void aMissingFileSaysSo() {
		assertThat(DatabaseUpgrade.cause(new NoSuchFileException("/data/notes")))
			.isEqualTo("/data/notes: no such file or directory");
	}

	@Test
	void aReasonTheJdkGaveIsKept() {
		assertThat(DatabaseUpgrade.cause(new FileSystemException("/data/a", "/data/b", "No space left on device")))
			.isEqualTo("/data/a -> /data/b: No space left on device");
	}

}
