#!/usr/bin/env python3
"""Fills a migrated StarPunk data directory with N published notes, stored as the server
stores them: notes/YYYY/MM/<slug>.md plus a notes row with the file's SHA-256.

Usage: generate-notes.py DATA_PATH N [--tags] [--prose]

With --tags every note also gets one or two of ten categories in note_properties (as
Micropub stores them); the server derives its tags index from them at start-up.

With --prose the text is drawn as prose is, for the search benchmark: 40 words from a
vocabulary of 20,000 made-up words with Zipf's frequencies (a few words in most notes,
most words in a few), plus the benchmark's query words at fixed shares of the notes
(PROSE_WORDS); "note" and "and" are in every note. Without it every note holds every one
of 22 words, which no archive does.

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


# word (or phrase) -> the share of notes that contain it, in --prose mode
PROSE_WORDS = {"coffee": 0.10, "garden": 0.05, "river": 0.05, "running": 0.02, "café": 0.01,
               "music winter": 0.01, "indieweb": 0.03, "micropub": 0.02, "webmention": 0.005,
               "bicycle": 0.02, "letter": 0.03, "summer": 0.04, "java": 0.01, "spring": 0.02,
               "sqlite": 0.005, "unbalanced": 0.001, "near": 0.02, "title": 0.01}


def prose(rng, vocabulary, weights):
    words = rng.choices(vocabulary, weights=weights, k=40)
    for word, share in PROSE_WORDS.items():
        if rng.random() < share:
            words.insert(rng.randrange(len(words) + 1), word)
    return " ".join(words)


def main(data_path, count, tags=False, prose_text=False):
    import random
    rng = random.Random(20261206)
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "pa", "zu", "ho", "ne", "ri", "ba", "go"]
    vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(40000)})[:20000]
    rng.shuffle(vocabulary)
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(vocabulary))]
    con = sqlite3.connect(os.path.join(data_path, "starpunk.db"))
    start = dt.datetime(2020, 1, 1, 0, 0, 0)
    rows = []
    for i in range(count):
        created = start + dt.timedelta(minutes=17 * i)
        slug = f"note-{i:06d}"
        rel = f"notes/{created:%Y}/{created:%m}/{slug}.md"
        words = (prose(rng, vocabulary, weights) if prose_text
                 else " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(40)))
        lead = f"Note {i}: **{WORDS[i % len(WORDS)]}**" if not prose_text else f"Note {i}: **{i}**"
        body = f"{lead} and a [link](https://indieweb.org/note).\n\n{words}.\n"
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
    if len(sys.argv) < 3 or any(flag not in ("--tags", "--prose") for flag in sys.argv[3:]):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), "--tags" in sys.argv[3:], "--prose" in sys.argv[3:])
