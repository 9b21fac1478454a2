/**
 * The health check that containers and monitors poll.
 */
package io.starpunk.health;
