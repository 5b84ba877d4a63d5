-- Edge identity: token rotation with a grace period, removal (which revokes every token of the edge), and the
-- replica that reported in Hello. Token columns hold SHA-256 hashes (hex) only, never a token.

alter table edge alter column token_hash drop not null;

-- The token replaced by the last rotation, still accepted until previous_token_expires_at.
alter table edge add column previous_token_hash char(64) unique;
alter table edge add column previous_token_expires_at timestamptz;
alter table edge add column token_rotated_at timestamptz;

-- The plane-manager replica (its pod name) that holds or last held the link, as reported in Hello.
alter table edge add column replica_id varchar(253);

-- When the edge was removed. A removed edge keeps its row (its jobs still refer to it) but no token hash, so no
-- token of it is accepted any more.
alter table edge add column removed_at timestamptz;
