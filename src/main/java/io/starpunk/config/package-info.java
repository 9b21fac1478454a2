/**
 * Settings bound from StarPunk's environment names, and the small values every package
 * shares (the clock, secrets and their hashes, SQL times, durable file writes, the
 * templates); no business logic, and nothing that speaks HTTP (that is {@code http}).
 */
package io.starpunk.config;
