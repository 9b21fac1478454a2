-- Undoes refuse-media-commits.sql.
DROP TRIGGER test_refuse_media_updates;
DROP TABLE test_media_commit_refusals;
