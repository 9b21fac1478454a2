-- Every stored image knows its size in pixels, and an original knows its responsive
-- variants: a variant is a media row of its own (its file is served like any other, at
-- media/YYYY/MM/<name>_<variant>.<ext>) pointing at its original. Deleting an original's
-- row deletes its variants' rows; io.starpunk.media deletes their files.
-- width and height stay NULL for a file whose header could not be read.
ALTER TABLE media ADD COLUMN width INTEGER;
ALTER TABLE media ADD COLUMN height INTEGER;
ALTER TABLE media ADD COLUMN original_id INTEGER REFERENCES media(id) ON DELETE CASCADE;
ALTER TABLE media ADD COLUMN variant TEXT CHECK (variant IN ('thumb', 'small', 'medium', 'large'));
CREATE UNIQUE INDEX idx_media_variant ON media(original_id, variant) WHERE original_id IS NOT NULL;
