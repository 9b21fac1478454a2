package io.starpunk.owner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * The owner's password, known only as a slow hash. It comes from {@code ADMIN_PASSWORD}
 * (hashed here, at start-up, and never written anywhere), from
 * {@code ADMIN_PASSWORD_HASH} (Argon2id or BCrypt), or, when neither is set, from a
 * password generated at the first start: written to
 * {@code DATA_PATH/first-run-password.txt}, readable only by the server's user, for the
 * owner to read and delete (the log says where it is, never what it is), and only its
 * Argon2id hash kept, in {@code DATA_PATH/admin-password.hash}.
 */
@Component
class OwnerPassword {

	static final String HASH_FILE = "admin-password.hash";

	/** Where a generated password is left for the owner to read, once. */
	static final String PASSWORD_FILE = "first-run-password.txt";

	private static final Log log = LogFactory.getLog(OwnerPassword.class);

	/** No 0/O, 1/l/I: the generated password is read off a file and typed. */
	private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private final PasswordEncoder encoder;

	private final String hash;

	OwnerPassword(StarpunkSettings settings, SecureRandom random) {
		StarpunkSettings.SignIn signIn = settings.signIn();
		if (signIn.password() != null) {
			this.encoder = argon2();
			this.hash = this.encoder.encode(signIn.password());
		}
		else if (signIn.passwordHash() != null) {
			this.hash = signIn.passwordHash();
			this.encoder = encoderFor(this.hash);
		}
		else {
			this.encoder = argon2();
			this.hash = generatedHash(settings, random);
		}
	}

	boolean matches(String password) {
		return password != null && !password.isEmpty() && this.encoder.matches(password, this.hash);
	}

	private String generatedHash(StarpunkSettings settings, SecureRandom random) {
		Path file = settings.dataPath().resolve(HASH_FILE);
		Path passwordFile = settings.dataPath().resolve(PASSWORD_FILE);
		try {
			if (Files.exists(file)) {
				String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
				if (!stored.startsWith("$argon2id$")) {
					throw new IllegalStateException(file + " does not hold an Argon2id hash; delete it to generate "
							+ "a new password, or set ADMIN_PASSWORD");
				}
				log.info("Sign-in uses the generated password whose hash is in " + file
						+ "; set ADMIN_PASSWORD or ADMIN_PASSWORD_HASH to choose your own");
				if (Files.exists(passwordFile)) {
					log.warn("The password generated at the first start is still in " + passwordFile
							+ "; delete that file once you have signed in or noted the password elsewhere");
				}
				return stored;
			}
			String password = generate(random);
			String generated = this.encoder.encode(password);
			Files.createDirectories(settings.dataPath());
			Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
			restrict(file);
			try {
				writeOwnerOnly(passwordFile, password + "\n");
			}
			catch (IOException | RuntimeException ex) {
				// a password nobody can read is no use: the next start generates another
				Files.deleteIfExists(file);
				throw ex;
			}
			log.warn("No ADMIN_PASSWORD or ADMIN_PASSWORD_HASH is set, so a password was generated for signing in "
					+ "at " + settings.url("auth", "login") + ". It is in " + passwordFile + ", readable only by "
					+ "this server's user: sign in with it, then delete that file (only the password's hash is "
					+ "kept, in " + file + "). To choose your own, set ADMIN_PASSWORD (or ADMIN_PASSWORD_HASH) and "
					+ "restart; to get a new one, delete " + file + " and restart.");
			return generated;
		}
		catch (FileAlreadyExistsException ex) {
			// another process generated it between our check and our write
			return generatedHash(settings, random);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Could not keep the generated password's hash in " + file + ": " + ex.getClass().getSimpleName(),
					ex);
		}
	}

	/**
	 * Writes a file that only this server's user may read, created with those permissions
	 * (never readable by others, not even for a moment); one left by an earlier
	 * generation is replaced.
	 */
	private static void writeOwnerOnly(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
		boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
		try (SeekableByteChannel channel = posix
				? Files.newByteChannel(file, options,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
				: Files.newByteChannel(file, options)) {
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		}
	}

	private static String generate(SecureRandom random) {
		// 24 characters of a 31-letter alphabet: about 119 bits
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 24; i++) {
			if (i > 0 && i % 6 == 0) {
				password.append('-');
			}
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	private static void restrict(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system; the directory's own permissions apply
		}
	}

	private static PasswordEncoder argon2() {
		return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
	}

	private static PasswordEncoder encoderFor(String hash) {
		return hash.startsWith("$argon2") ? argon2() : new BCryptPasswordEncoder();
	}

}
