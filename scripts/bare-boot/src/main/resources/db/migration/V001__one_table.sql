-- One migration, so that Flyway reads, applies and records a script at start-up.
CREATE TABLE bench (id INTEGER PRIMARY KEY, note TEXT NOT NULL);
