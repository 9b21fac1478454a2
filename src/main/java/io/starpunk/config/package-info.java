/**
 * Settings bound from StarPunk's environment names, and the shared clock and random
 * source; no business logic.
 */
package io.starpunk.config;
