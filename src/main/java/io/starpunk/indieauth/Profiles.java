package io.starpunk.indieauth;

import java.util.Set;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * The owner's profile as the token and userinfo endpoints give it: name
 * ({@code SITE_AUTHOR}, else {@code SITE_NAME}), url ({@code ADMIN_ME}) and photo
 * ({@code SITE_AUTHOR_PHOTO}), and email ({@code SITE_AUTHOR_EMAIL}) only with the
 * {@code email} scope.
 */
@Component
class Profiles {

	private final StarpunkSettings settings;

	Profiles(StarpunkSettings settings) {
		this.settings = settings;
	}

	/**
	 * The profile for a grant.
	 * @param scopes the granted scopes
	 * @return the profile, or {@code null} without the profile scope
	 */
	OAuthJson.Profile forScopes(Set<String> scopes) {
		if (!scopes.contains("profile")) {
			return null;
		}
		String name = this.settings.siteAuthor().isEmpty() ? this.settings.siteName() : this.settings.siteAuthor();
		String photo = (this.settings.authorPhoto() != null) ? this.settings.authorPhoto().toString() : null;
		String email = scopes.contains("email") ? this.settings.authorEmail() : null;
		return new OAuthJson.Profile(name, this.settings.adminMe().toString(), photo, email);
	}

}
