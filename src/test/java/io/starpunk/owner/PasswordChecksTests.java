package io.starpunk.owner;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The password check's global bound and the order of the refusals before it, counted on a
 * frozen clock with the real Argon2id hash.
 */
class PasswordChecksTests {

	static final String PASSWORD = "correct horse battery staple";

	private final MovableClock clock = new MovableClock();

	@Test
	void thirtyChecksPassThenOneEveryHundredMilliseconds() {
		PasswordChecks checks = new PasswordChecks(this.clock);
		for (int i = 0; i < PasswordChecks.BURST; i++) {
			assertThat(checks.take()).as("check " + i).isEmpty();
		}
		assertThat(checks.take()).hasValue(Duration.ofMillis(100));
		this.clock.move(Duration.ofMillis(100));
		assertThat(checks.take()).isEmpty();
		assertThat(checks.take()).isPresent();
	}

	@Test
	void theThirtyFirstSignInIsRefusedWithoutCheckingThePassword(@TempDir Path dataPath) {
		OwnerPasswordAuthentication authentication = authentication(dataPath);
		for (int i = 0; i < PasswordChecks.BURST; i++) {
			String address = "198.51.100." + i;
			// known browsers, so that the account's own bound does not come first
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> authentication.authenticate(attempt("wrong", address, true)));
		}
		SignInLocked busy = catchThrowableOfType(SignInLocked.class,
				() -> authentication.authenticate(attempt(PASSWORD, "192.0.2.1", true)));
		assertThat(busy).as("the right password, refused: it was not checked").isNotNull();
		assertThat(busy.explanation()).startsWith("Too many sign-ins are being checked right now");
		assertThat(busy.retryAfterSeconds()).isEqualTo(1);
		this.clock.move(Duration.ofMillis(100));
		assertThat(authentication.authenticate(attempt(PASSWORD, "192.0.2.1", true)).isAuthenticated()).isTrue();
		assertThat(catchThrowableOfType(SignInLocked.class,
				() -> authentication.authenticate(attempt(PASSWORD, "192.0.2.1", true))))
			.as("exactly one more")
			.isNotNull();
	}

	@Test
	void lockedAddressesAndALockedAccountAreRefusedBeforeTheBudgetIsTouched(@TempDir Path dataPath) {
		OwnerPasswordAuthentication authentication = authentication(dataPath);
		for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> authentication.authenticate(attempt("wrong", "192.0.2.1", false)));
		}
		SignInLocked address = catchThrowableOfType(SignInLocked.class,
				() -> authentication.authenticate(attempt("wrong", "192.0.2.1", false)));
		assertThat(address.explanation())
			.isEqualTo("Too many failed sign-ins from your address. Try again in 1 minute.");
		for (int i = 0; i < 100; i++) {
			assertThat(catchThrowableOfType(SignInLocked.class,
					() -> authentication.authenticate(attempt(PASSWORD, "192.0.2.1", false))))
				.isNotNull();
		}
		for (int i = LoginThrottle.FREE_FAILURES; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
			String other = "203.0.113." + i;
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> authentication.authenticate(attempt("wrong", other, false)));
		}
		SignInLocked account = catchThrowableOfType(SignInLocked.class,
				() -> authentication.authenticate(attempt(PASSWORD, "198.51.100.200", false)));
		assertThat(account.explanation()).startsWith("Too many failed sign-ins to this site from many places.");
		assertThat(authentication.authenticate(attempt(PASSWORD, "198.51.100.200", true)).isAuthenticated())
			.as("the owner's browser is not held by the account's lock, and 20 checks left room in the budget")
			.isTrue();
	}

	private OwnerPasswordAuthentication authentication(Path dataPath) {
		StarpunkSettings settings = new StarpunkSettings(URI.create("http://127.0.0.1/"), "Site", "", "",
				URI.create("https://owner.example/"), dataPath, 8080, "info", null, 50, 300, null, null,
				new StarpunkSettings.SignIn(PASSWORD, null, false), null, null, null, null, null, null, null, null);
		return new OwnerPasswordAuthentication(new OwnerPassword(settings, new SecureRandom()),
				new LoginThrottle(this.clock), new PasswordChecks(this.clock), settings);
	}

	private static UsernamePasswordAuthenticationToken attempt(String password, String address, boolean knownDevice) {
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated("", password);
		token.setDetails(new SignInAttempt(address, knownDevice));
		return token;
	}

}
