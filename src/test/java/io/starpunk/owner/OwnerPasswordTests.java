package io.starpunk.owner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * generated at the first start and shown once.
 */
@ExtendWith(OutputCaptureExtension.class)
class OwnerPasswordTests {

	private static final Pattern GENERATED = Pattern.compile("signing in at \\S+: ([a-z0-9-]{27}) \\.");

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
	void withoutAPasswordOneIsGeneratedShownOnceAndOnlyItsHashKept(@TempDir Path dataPath, CapturedOutput output)
			throws Exception {
		String password;
		try (RunningServer server = RunningServer.start(dataPath)) {
			Matcher shown = GENERATED.matcher(output.getOut());
			assertThat(shown.find()).as("the generated password is in the log").isTrue();
			password = shown.group(1);
			assertThat(OwnerClient.signIn(server, password).sessionCookie()).isPresent();
		}
		Path hashFile = dataPath.resolve(OwnerPassword.HASH_FILE);
		String stored = Files.readString(hashFile);
		assertThat(stored).startsWith("$argon2id$").doesNotContain(password);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hashFile))).isEqualTo("rw-------");
		int logged = output.getOut().length();
		try (RunningServer server = RunningServer.start(dataPath)) {
			String second = output.getOut().substring(logged);
			assertThat(second).doesNotContain(password).contains("generated password whose hash is in");
			assertThat(GENERATED.matcher(second).find()).isFalse();
			assertThat(OwnerClient.signIn(server, password).sessionCookie()).as("the same password still works")
				.isPresent();
		}
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
