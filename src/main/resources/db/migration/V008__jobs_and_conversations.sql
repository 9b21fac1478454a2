-- The durable job queue: every outbound effect (sending a webmention, verifying a
-- received one, a WebSub ping, a syndication, fetching a reply context, publishing a
-- scheduled note) is a row written in the same transaction as the change that causes it,
-- and run by io.starpunk.jobs with retries. A worker claims a job by setting claimed_by
-- and claimed_until (a lease it renews while the job runs); a job whose lease ran out
-- (its process died) is claimed again. 'done' and 'failed' are final until the owner
-- retries a failed job. dedupe_key: at most one pending job of a kind with the same key
-- (a second one updates the first).
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    dedupe_key TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    run_after TIMESTAMP NOT NULL,
    claimed_by TEXT,
    claimed_until TIMESTAMP,
    last_error TEXT,
    result TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX idx_jobs_due ON jobs(state, run_after);
CREATE UNIQUE INDEX idx_jobs_pending_key ON jobs(kind, dedupe_key) WHERE state = 'pending' AND dedupe_key IS NOT NULL;

-- Webmentions received, once verified. status is the owner's moderation: 'pending'
-- until approved (or approved at once for WEBMENTION_TRUSTED_DOMAINS). kind comes from
-- the source's microformats. content_html is sanitised before it is stored.
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_host TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'like', 'repost', 'bookmark', 'mention', 'rsvp')),
    url TEXT NOT NULL,
    author_name TEXT,
    author_url TEXT,
    author_photo TEXT,
    content_html TEXT,
    content_text TEXT,
    rsvp TEXT,
    published TIMESTAMP,
    received_at TIMESTAMP NOT NULL,
    verified_at TIMESTAMP NOT NULL,
    UNIQUE (source, target)
);
CREATE INDEX idx_mentions_note ON mentions(note_id, status);
CREATE INDEX idx_mentions_status ON mentions(status, received_at);

-- Each webmention request accepted (202): its status URL is /webmention/requests/<id>.
CREATE TABLE webmention_requests (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_host TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'verified', 'refused', 'removed')),
    reason TEXT,
    received_at TIMESTAMP NOT NULL,
    checked_at TIMESTAMP
);
CREATE INDEX idx_webmention_requests_received ON webmention_requests(received_at);

-- Host names (and their subdomains) whose webmentions are dropped.
CREATE TABLE blocked_domains (
    domain TEXT PRIMARY KEY,
    blocked_at TIMESTAMP NOT NULL
);

-- Every target a note has sent a webmention to, so that an update or a delete notifies
-- the targets it linked to before as well as those it links to now. No foreign key: a
-- purged note's targets are still notified.
CREATE TABLE sent_webmentions (
    note_id INTEGER NOT NULL,
    target TEXT NOT NULL,
    endpoint TEXT,
    status INTEGER,
    sent_at TIMESTAMP,
    PRIMARY KEY (note_id, target)
);

-- What a reply, like, repost or bookmark is about, fetched once and kept.
CREATE TABLE reply_contexts (
    url TEXT PRIMARY KEY,
    title TEXT,
    author_name TEXT,
    author_url TEXT,
    author_photo TEXT,
    excerpt TEXT,
    fetched_at TIMESTAMP NOT NULL
);
