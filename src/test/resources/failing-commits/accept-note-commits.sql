-- Undoes refuse-note-commits.sql.
DROP TRIGGER test_refuse_note_inserts;
DROP TRIGGER test_refuse_note_updates;
DROP TRIGGER test_refuse_note_deletes;
DROP TABLE test_commit_refusals;
