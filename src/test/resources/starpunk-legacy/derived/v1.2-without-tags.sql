-- StarPunk 1.2.x, made from a copy of v1.3.0: photos (007) but no tags (008) yet.
DROP TABLE note_tags;
DROP TABLE tags;
DELETE FROM schema_migrations WHERE migration_name = '008_add_tags.sql';
