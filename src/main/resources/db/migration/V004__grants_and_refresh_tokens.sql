-- The IndieAuth authorization server's grants. A grant is what one authorization code
-- started; its id is that code's hash. Every access and refresh token carries it, so a
-- code used twice, or a refresh token used twice, revokes everything the grant issued.
-- Tokens StarPunk issued have no grant and stay valid until they expire or are revoked.

ALTER TABLE tokens ADD COLUMN grant_id TEXT;
CREATE INDEX idx_tokens_grant ON tokens(grant_id);

-- how long the tokens of this code should live, as the owner chose on the consent page
ALTER TABLE authorization_codes ADD COLUMN token_lifetime_seconds INTEGER;

-- Refresh tokens, like access tokens, only as the lowercase hex SHA-256 of their value.
-- A used refresh token is dead (used_at); presenting it again revokes its grant.
CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT UNIQUE NOT NULL,
    grant_id TEXT NOT NULL,
    me TEXT NOT NULL,
    client_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX idx_refresh_tokens_grant ON refresh_tokens(grant_id);
CREATE INDEX idx_refresh_tokens_expires ON refresh_tokens(expires_at);
