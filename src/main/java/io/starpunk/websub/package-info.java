/**
 * WebSub publishing: after every change to a public note, a job tells each hub of
 * {@code WEBSUB_HUB} that the home page and the feeds changed ({@code hub.mode=publish}).
 */
package io.starpunk.websub;
