-- StarPunk 1.0.0 with a media table that is not StarPunk 1.2's (another tool's, or a
-- hand-made one): nothing records it, and its shape is not one adoption can read.
CREATE TABLE media (id INTEGER PRIMARY KEY, path TEXT NOT NULL, checksum TEXT);
INSERT INTO media (path, checksum) VALUES ('somewhere/else.jpg', 'abc');
