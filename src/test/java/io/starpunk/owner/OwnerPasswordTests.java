package io.starpunk.owner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the owner's password comes from: a hash in the environment, or a password
 * generated at the first start into a file only the server's user reads, never the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class OwnerPasswordTests {

	@Test
	void aBcryptOrArgon2idHashFromTheEnvironmentWorks(@TempDir Path temp) {
		String bcrypt = new BCryptPasswordEncoder().encode("bcrypt password");
		String argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("argon2 password");
		for (String[] pair : List.of(new String[] { bcrypt, "bcrypt password" },
				new String[] { argon2, "argon2 password" })) {
			try (RunningServer server = RunningServer.start(temp.resolve(pair[1].substring(0, 6)), List.of(),
					"ADMIN_PASSWORD_HASH=" + pair[0])) {
				assertThat(OwnerClient.anonymous(server).signInWith(pair[1] + "!").statusCode()).isEqualTo(401);
				assertThat(OwnerClient.signIn(server, pair[1]).sessionCookie()).isPresent();
			}
		}
	}

	@Test
	void withoutAPasswordOneIsGeneratedIntoAnOwnerOnlyFileNeverTheLogAndOnlyItsHashKept(@TempDir Path dataPath,
			CapturedOutput output) throws Exception {
		Path passwordFile = dataPath.resolve(OwnerPassword.PASSWORD_FILE);
		String password;
		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
				.isEqualTo("rw-------");
			password = Files.readString(passwordFile).strip();
			assertThat(password).matches("[a-z0-9]{6}(-[a-z0-9]{6}){3}");
			assertThat(output.getAll()).doesNotContain(password)
				.contains("a password was generated", "It is in " + passwordFile, "then delete that file");
			assertThat(OwnerClient.signIn(server, password).sessionCookie()).isPresent();
		}
		Path hashFile = dataPath.resolve(OwnerPassword.HASH_FILE);
		String stored = Files.readString(hashFile);
		assertThat(stored).startsWith("$argon2id$").doesNotContain(password);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hashFile))).isEqualTo("rw-------");
		int logged = output.getOut().length();
		try (RunningServer server = RunningServer.start(dataPath)) {
			String second = output.getOut().substring(logged);
			assertThat(second).doesNotContain(password)
				.contains("generated password whose hash is in", "still in " + passwordFile);
			assertThat(Files.readString(passwordFile).strip()).as("the file is left as it was").isEqualTo(password);
			assertThat(OwnerClient.signIn(server, password).sessionCookie()).as("the same password still works")
				.isPresent();
		}
		Files.delete(passwordFile);
		logged = output.getOut().length();
		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(output.getOut().substring(logged)).doesNotContain("still in");
			assertThat(passwordFile).doesNotExist();
			assertThat(OwnerClient.signIn(server, password).sessionCookie()).as("deleting the file keeps the password")
				.isPresent();
		}
		assertThat(output.getAll()).doesNotContain(password);
	}

	@Test
	void aPasswordFromTheEnvironmentIsNeverWrittenOrLogged(@TempDir Path dataPath, CapturedOutput output)
			throws Exception {
		try (RunningServer server = RunningServer.start(dataPath, List.of(),
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD)) {
			OwnerClient.signIn(server, OwnerClient.PASSWORD);
		}
		assertThat(dataPath.resolve(OwnerPassword.HASH_FILE)).doesNotExist();
		assertThat(output.getAll()).doesNotContain(OwnerClient.PASSWORD);
	}

}
