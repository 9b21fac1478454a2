-- StarPunk 1.3.0 whose photo tables have only the columns adoption needs: media without
-- mime_type, sizes or times, note_media without id, display_order or caption (007's full
-- column list was never published, so adoption must not rely on the optional ones).
CREATE TABLE media_minimal (id INTEGER PRIMARY KEY AUTOINCREMENT, stored_filename TEXT NOT NULL, path TEXT NOT NULL UNIQUE);
INSERT INTO media_minimal (id, stored_filename, path) SELECT id, stored_filename, path FROM media;
CREATE TABLE note_media_minimal (note_id INTEGER NOT NULL, media_id INTEGER NOT NULL);
INSERT INTO note_media_minimal (note_id, media_id) SELECT note_id, media_id FROM note_media ORDER BY id;
DROP TABLE note_media;
DROP TABLE media;
ALTER TABLE media_minimal RENAME TO media;
ALTER TABLE note_media_minimal RENAME TO note_media;
