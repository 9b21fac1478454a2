package io.starpunk.site;

/**
 * The site owner as an h-card.
 *
 * @param name SITE_AUTHOR, or SITE_NAME when no author is set
 * @param url ADMIN_ME
 */
record OwnerCard(String name, String url) {
}
