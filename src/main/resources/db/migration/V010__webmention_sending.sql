-- The URL a note's webmentions were sent from: a purged note has no row left to work it
-- out from, yet its targets are told once more that it is gone.
ALTER TABLE sent_webmentions ADD COLUMN source TEXT;
