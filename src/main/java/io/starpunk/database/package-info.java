/**
 * The SQLite file: its tuning, the upgrade that brings it to the current schema before
 * anything else may touch it, adoption of StarPunk's databases, and backups.
 */
package io.starpunk.database;
