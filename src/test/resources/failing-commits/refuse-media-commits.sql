-- Makes every transaction that changes a stored image's row fail at its COMMIT, as a full
-- disk or a lost lock would: each change adds a row whose foreign key names no image, and
-- a deferred foreign key is checked only when the transaction commits.
CREATE TABLE test_media_commit_refusals (media_id INTEGER REFERENCES media(id) DEFERRABLE INITIALLY DEFERRED);
CREATE TRIGGER test_refuse_media_updates AFTER UPDATE ON media BEGIN INSERT INTO test_media_commit_refusals VALUES (-1); END;
