package io.starpunk.indieauth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.starpunk.config.StarpunkSettings;

/**
 * The authorization server's metadata (RFC 8414), at
 * {@code /.well-known/oauth-authorization-server}, which IndieAuth clients discover from
 * the {@code indieauth-metadata} link.
 */
@RestController
class MetadataController {

	private final Metadata metadata;

	MetadataController(StarpunkSettings settings) {
		this.metadata = new Metadata(settings.siteUrl().toString(), url(settings, "authorize"), url(settings, "token"),
				url(settings, "introspect"), List.of("Bearer"), url(settings, "revoke"), List.of("none"),
				url(settings, "userinfo"), Scopes.SUPPORTED, List.of("code"),
				List.of("authorization_code", "refresh_token"), List.of("S256"), true,
				"https://indieauth.spec.indieweb.org/");
	}

	@GetMapping("/.well-known/oauth-authorization-server")
	ResponseEntity<Metadata> showMetadata() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(this.metadata);
	}

	private static String url(StarpunkSettings settings, String endpoint) {
		return settings.url("auth", endpoint).toString();
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Metadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String introspectionEndpoint,
			List<String> introspectionEndpointAuthMethodsSupported, String revocationEndpoint,
			List<String> revocationEndpointAuthMethodsSupported, String userinfoEndpoint, List<String> scopesSupported,
			List<String> responseTypesSupported, List<String> grantTypesSupported,
			List<String> codeChallengeMethodsSupported, boolean authorizationResponseIssParameterSupported,
			String serviceDocumentation) {
	}

}
