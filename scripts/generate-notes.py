#!/usr/bin/env python3
"""Fills a migrated StarPunk data directory with N published notes, stored as the server
stores them: notes/YYYY/MM/<slug>.md plus a notes row with the file's SHA-256.

Usage: generate-notes.py DATA_PATH N [--tags]

With --tags every note also gets one or two of ten categories in note_properties (as
Micropub stores them); the server derives its tags index from them at start-up.

The database must already have the current schema (start the server once with
--migrate-only). Used by scripts/benchmark.sh; writes in one transaction.
"""
import datetime as dt
import hashlib
import os
import sqlite3
import sys

WORDS = ("indieweb micropub webmention note feed owner site slug markdown sqlite java spring "
         "coffee morning garden bicycle river window letter music winter summer").split()


TAGS = ("IndieWeb", "Coffee", "Garden", "Bicycle", "Music", "Winter", "Summer", "River", "Java", "SQLite")


def main(data_path, count, tags=False):
    con = sqlite3.connect(os.path.join(data_path, "starpunk.db"))
    start = dt.datetime(2020, 1, 1, 0, 0, 0)
    rows = []
    for i in range(count):
        created = start + dt.timedelta(minutes=17 * i)
        slug = f"note-{i:06d}"
        rel = f"notes/{created:%Y}/{created:%m}/{slug}.md"
        words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(40))
        body = f"Note {i}: **{WORDS[i % len(WORDS)]}** and a [link](https://indieweb.org/note).\n\n{words}.\n"
        path = os.path.join(data_path, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = body.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        stamp = created.strftime("%Y-%m-%d %H:%M:%S")
        rows.append((slug, rel, stamp, stamp, hashlib.sha256(data).hexdigest()))
    with con:
        con.executemany("INSERT INTO notes (slug, file_path, published, created_at, updated_at, content_hash)"
                        " VALUES (?, ?, 1, ?, ?, ?)", rows)
        if tags:
            con.executemany("INSERT INTO note_properties (note_id, properties)"
                            " SELECT id, ? FROM notes WHERE slug = ?",
                            [('{"category":["%s","%s"]}' % (TAGS[i % 10], TAGS[(i // 10) % 10])
                              if (i // 10) % 10 != i % 10 else '{"category":["%s"]}' % TAGS[i % 10],
                              f"note-{i:06d}") for i in range(count)])
    con.close()


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--tags"):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), len(sys.argv) == 4)
