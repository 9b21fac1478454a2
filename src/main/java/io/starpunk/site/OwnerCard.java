package io.starpunk.site;

/**
 * The site owner as an h-card.
 *
 * @param name SITE_AUTHOR, or SITE_NAME when no author is set
 * @param url ADMIN_ME
 * @param photo SITE_AUTHOR_PHOTO, or {@code null}
 * @param relMe SITE_REL_ME: the owner's other profiles
 */
record OwnerCard(String name, String url, String photo, java.util.List<String> relMe) {
}
