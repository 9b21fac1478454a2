-- Tags: a note's categories that are plain words. name is the normalised form used to
-- look a tag up and to build its URL (/tags/<name>): case and accents folded, spaces
-- made hyphens (io.starpunk.notes.TagNames). display_name is the first spelling seen,
-- shown on pages and in feeds. note_tags is derived from each note's category property
-- (note_properties), and rewritten with it in the same transaction.
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE NOT NULL,
    display_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE note_tags (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, tag_id)
);
CREATE INDEX idx_note_tags_tag ON note_tags(tag_id, note_id);

-- Full-text search over every note (drafts and deleted notes too: visitors' queries join
-- notes and keep only the published, undeleted ones; the owner may search drafts).
-- rowid = notes.id. title is the explicit name or the first line, content the note's
-- text as plain words; content_hash is the hash of the file the row was made from, so
-- that the start-up check finds rows made from a file that has changed since.
-- Porter stemming over Unicode folding, as StarPunk 1.1: "running" finds "run", "cafe"
-- finds "café".
CREATE VIRTUAL TABLE notes_fts USING fts5(
    title,
    content,
    content_hash UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- A purged note leaves the index with its row (soft deletes keep it: a restored note is
-- found again).
CREATE TRIGGER notes_fts_forget AFTER DELETE ON notes
BEGIN
    DELETE FROM notes_fts WHERE rowid = OLD.id;
END;
