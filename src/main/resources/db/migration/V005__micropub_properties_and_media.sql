-- What Micropub adds to a note beyond its text. The Markdown file stays the note's text;
-- every other mf2 property a client sent (name, category, photo, nested objects such as
-- a checkin h-card, ...) is kept here as one JSON object of arrays, exactly as given,
-- and handed back by q=source. Content, published, post-status, url, the mp-* commands
-- and access_token are never stored here. content_format says how the note's file is
-- to be read: Markdown (every note StarPunk wrote), or HTML that a client sent as
-- {"html": ...}, sanitised before it was written.
CREATE TABLE note_properties (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    properties TEXT NOT NULL CHECK (json_valid(properties) AND json_type(properties) = 'object'),
    content_format TEXT NOT NULL DEFAULT 'markdown' CHECK (content_format IN ('markdown', 'html'))
);

-- Files uploaded to the media endpoint, stored under DATA_PATH as
-- media/YYYY/MM/<random>.<ext>. The type was decided from the file's bytes.
CREATE TABLE media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT UNIQUE NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_media_created ON media(created_at);
