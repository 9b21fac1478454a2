package io.starpunk.owner;

/**
 * The sign-in page.
 *
 * @param error why the last attempt failed, or {@code null}
 * @param notice a message such as "You are signed out.", or {@code null}
 * @param me the owner's identity URL, for password managers and the IndieAuth button
 * @param signedIn whether the owner is signed in already
 * @param indieauth whether IndieAuth sign-in is offered
 * @param indieauthHost the host shown on the IndieAuth button
 */
record LoginView(String error, String notice, String me, boolean signedIn, boolean indieauth, String indieauthHost) {
}
