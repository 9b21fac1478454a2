/**
 * How the owner proves who they are: password and IndieAuth sign-in, sessions in the
 * {@code sessions} table, CSRF and the security headers, and the layout of the owner's
 * pages.
 */
package io.starpunk.owner;
