#!/usr/bin/env python3
"""More StarPunk data directories than the shared set, for the shapes and failures the
upgrade must also handle. Built with make_fixtures.py's own pieces.

Usage: make_more_fixtures.py OUT_DIR   (this project keeps them beside make_fixtures.py)

| folder                      | what it is                                              | expected         |
|-----------------------------|---------------------------------------------------------|------------------|
| v0.1                        | 0.1-0.3: plaintext session tokens, auth_state without   | upgrades; the    |
|                             | redirect_uri, plaintext tokens, no schema_migrations    | session is kept, |
|                             |                                                         | hashed           |
| v0.9.5-after-rc.1-crash     | v0.9.5 after 1.0.0-rc.1 crashed: it had created         | upgrades         |
|                             | authorization_codes, then died on the token_hash index  |                  |
| v1.0.0-rc.4                 | 001-003 recorded: code_verifier removed, hashed tokens  | upgrades; its    |
|                             | with the live rc.3 token                                | token is kept    |
| future-v1.1                 | 001-004 and a 005 StarPunk migration this server does   | refused, bytes   |
|                             | not know                                                | unchanged        |
| duplicate-slugs             | a hand-made notes table without UNIQUE(slug) holding two | upgrade fails,   |
|                             | notes with one slug: cannot be converged without loss   | rolled back      |
| not-starpunk                | an SQLite database of another program                   | refused, bytes   |
|                             |                                                         | unchanged        |
"""
import os
import shutil
import sqlite3
import sys

import make_fixtures as m

AUTH_STATE_NO_REDIRECT = m.AUTH_STATE_V01


def state_v0_1(con, data_dir):
    con.executescript(m.NOTES + m.SESSIONS_V01 + m.TOKENS_PLAIN + AUTH_STATE_NO_REDIRECT)
    m.write_notes(con, data_dir)
    con.execute("INSERT INTO sessions (session_token, me, created_at, expires_at, last_used_at) VALUES (?, ?, ?, ?, ?)",
                ("legacy-v01-session-cookie", m.ME, m.ts(3), "2026-12-23 12:00:00", m.ts(1)))
    m.add_plain_tokens(con)
    con.execute("INSERT INTO auth_state (state, created_at, expires_at) VALUES (?, ?, ?)",
                ("stale-state", m.ts(2), m.ts(2, 13)))


def state_after_rc1_crash(con, data_dir):
    m.state_v0_9_5(con, data_dir)
    con.executescript(m.AUTH_CODES.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))


def state_rc4(con, data_dir):
    """001-003 applied: code_verifier gone again (table rebuilt without it), tokens hashed."""
    con.executescript(m.NOTES + m.SESSIONS_V04 + m.AUTH_STATE_V01 + m.SCHEMA_MIGRATIONS)
    con.execute(m.AUTH_STATE_V04_EXTRA)
    con.executescript(m.TOKENS_HASHED + m.AUTH_CODES + m.TOKEN_INDEXES)
    m.write_notes(con, data_dir)
    m.add_sessions_v04(con)
    m.add_auth_state(con, with_verifier=False)
    con.execute("INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (m.sha256(m.RC_TOKEN), m.ME, "https://quill.p3k.io/", "create", m.ts(1), "2099-01-01 00:00:00"))
    m.record(con, m.M001, m.M002, m.M003)


def state_future(con, data_dir):
    m.state_v1_0_0(con, data_dir)
    con.execute("CREATE TABLE media (id INTEGER PRIMARY KEY, path TEXT NOT NULL)")
    m.record(con, "005_add_media_table.sql")


def state_duplicate_slugs(con, data_dir):
    con.executescript(m.NOTES.replace("slug TEXT UNIQUE NOT NULL", "slug TEXT NOT NULL")
                      + m.SESSIONS_V04 + m.TOKENS_PLAIN + m.AUTH_STATE_V01)
    con.execute(m.AUTH_STATE_V04_EXTRA)
    con.execute(m.MIGRATION_001)
    m.write_notes(con, data_dir)
    body = "A second note that took the same slug.\n"
    rel = "notes/2025/11/hello-world-copy.md"
    with open(os.path.join(data_dir, rel), "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
    con.execute("INSERT INTO notes (slug, file_path, published, created_at, updated_at, content_hash)"
                " VALUES ('hello-world', ?, 1, ?, ?, ?)", (rel, m.ts(0), m.ts(0), m.sha256(body)))


def state_not_starpunk(con, data_dir):
    con.executescript("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
                      "INSERT INTO customers (name) VALUES ('Ada'), ('Grace');")


STATES = {
    "v0.1": state_v0_1,
    "v0.9.5-after-rc.1-crash": state_after_rc1_crash,
    "v1.0.0-rc.4": state_rc4,
    "future-v1.1": state_future,
    "duplicate-slugs": state_duplicate_slugs,
    "not-starpunk": state_not_starpunk,
}

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for name, fn in STATES.items():
        data_dir = os.path.join(sys.argv[1], name)
        shutil.rmtree(data_dir, ignore_errors=True)
        os.makedirs(data_dir)
        con = sqlite3.connect(os.path.join(data_dir, "starpunk.db"))
        fn(con, data_dir)
        con.commit()
        con.close()
