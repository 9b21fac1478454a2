package io.starpunk.owner;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.ClientEndpoints;

/**
 * The one security filter chain. Sign-in, sessions, CSRF and headers all come from Spring
 * Security; what is ours is where the session lives ({@link OwnerSessions}, the
 * {@code sessions} table) and how the password is checked. Nothing here creates a servlet
 * session: the saved request and the CSRF token live in cookies.
 */
@Configuration(proxyBeanMethods = false)
class OwnerSecurityConfiguration {

	/** Scripts, styles and fonts from this site only; no inline script, no framing. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' https: data:; media-src 'self' https:; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	static final String CSRF_COOKIE = "starpunk_csrf";

	private final CookieRequestCache requestCache = savedGetsOnly();

	/**
	 * The page to go back to after sign-in: only a GET is remembered. A form posted by
	 * someone not signed in is refused, not replayed as a GET that cannot answer.
	 */
	private static CookieRequestCache savedGetsOnly() {
		CookieRequestCache cache = new CookieRequestCache();
		cache.setRequestMatcher((request) -> "GET".equals(request.getMethod()));
		return cache;
	}

	/**
	 * Where a sign-in, by password or IndieAuth, lands: the page asked for, or /admin.
	 */
	@Bean
	SavedRequestAwareAuthenticationSuccessHandler signedInHandler() {
		SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
		success.setRequestCache(this.requestCache);
		success.setDefaultTargetUrl("/admin");
		return success;
	}

	@Bean
	CookieCsrfTokenRepository csrfTokenRepository(StarpunkSettings settings) {
		boolean https = "https".equals(settings.siteUrl().getScheme());
		CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
		csrf.setCookieName(CSRF_COOKIE);
		csrf.setCookieCustomizer((cookie) -> cookie.httpOnly(true).secure(https).sameSite("Lax").path("/"));
		return csrf;
	}

	/** The CORS rules; {@code .cors()} finds this bean by its name. */
	@Bean
	CorsConfigurationSource corsConfigurationSource() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of("*"));
		cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		// the metadata and the token endpoints, never the authorization endpoint
		ClientEndpoints.crossOrigin().forEach((path) -> source.registerCorsConfiguration(path, cors));
		return source;
	}

	@Bean
	@ConditionalOnWebApplication
	SecurityFilterChain securityFilterChain(HttpSecurity http, OwnerSessions sessions, LoginPage loginPage,
			StarpunkSettings settings, CookieCsrfTokenRepository csrf,
			SavedRequestAwareAuthenticationSuccessHandler success, SignInAttempts attempts) {
		boolean https = "https".equals(settings.siteUrl().getScheme());
		CookieRequestCache requestCache = this.requestCache;
		return http.securityContext((context) -> context.securityContextRepository(sessions))
			.requestCache((cache) -> cache.requestCache(requestCache))
			// apps call their endpoints with tokens or codes, not the owner's cookies
			.csrf((protection) -> protection.csrfTokenRepository(csrf)
				.ignoringRequestMatchers(ClientEndpoints::matches))
			.cors(Customizer.withDefaults())
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/admin", "/admin/**")
				.hasRole(OwnerAuthentication.ROLE)
				.requestMatchers(HttpMethod.GET, "/auth/authorize")
				.hasRole(OwnerAuthentication.ROLE)
				.requestMatchers("/auth/authorize/decision")
				.hasRole(OwnerAuthentication.ROLE)
				.anyRequest()
				.permitAll())
			.formLogin((form) -> form.loginPage("/auth/login")
				.loginProcessingUrl("/auth/login")
				.passwordParameter("password")
				.usernameParameter("username")
				.authenticationDetailsSource(attempts)
				.successHandler(success)
				.failureHandler(loginPage)
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/auth/logout")
				.addLogoutHandler(sessions)
				.logoutSuccessUrl("/auth/login?signed-out")
				.permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions((frames) -> frames.deny())
				.cacheControl((cache) -> cache.disable())
				.httpStrictTransportSecurity((hsts) -> hsts.requestMatcher((request) -> https)
					.maxAgeInSeconds(31_536_000)
					.includeSubDomains(false)))
			.build();
	}

}
