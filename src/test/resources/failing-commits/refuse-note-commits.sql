-- Makes every transaction that adds, changes or removes a note fail at its COMMIT, as a
-- full disk or a lost lock would: each change adds a row whose foreign key names no note,
-- and a deferred foreign key is checked only when the transaction commits.
CREATE TABLE test_commit_refusals (note_id INTEGER REFERENCES notes(id) DEFERRABLE INITIALLY DEFERRED);
CREATE TRIGGER test_refuse_note_inserts AFTER INSERT ON notes BEGIN INSERT INTO test_commit_refusals VALUES (-1); END;
CREATE TRIGGER test_refuse_note_updates AFTER UPDATE ON notes BEGIN INSERT INTO test_commit_refusals VALUES (-1); END;
CREATE TRIGGER test_refuse_note_deletes AFTER DELETE ON notes BEGIN INSERT INTO test_commit_refusals VALUES (-1); END;
