-- Hearthmail mailstore schema, version 1.
-- One statement per ';' at the end of a line (the migrator splits there); no triggers.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE domains (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    domain_id     INTEGER NOT NULL REFERENCES domains(id),
    local_part    TEXT NOT NULL,
    password_hash TEXT,
    created_at    INTEGER NOT NULL,
    UNIQUE (domain_id, local_part)
);

-- local_part '' is the domain's catch-all.
CREATE TABLE aliases (
    id         INTEGER PRIMARY KEY,
    domain_id  INTEGER NOT NULL REFERENCES domains(id),
    local_part TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE (domain_id, local_part)
);

CREATE TABLE app_passwords (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label      TEXT NOT NULL,
    hash       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX app_passwords_user ON app_passwords(user_id);

-- limit_bytes 0 = unlimited.
CREATE TABLE quotas (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    limit_bytes INTEGER NOT NULL CHECK (limit_bytes >= 0),
    used_bytes  INTEGER NOT NULL DEFAULT 0 CHECK (used_bytes >= 0)
);

-- RFC 3501 §2.3.1.1 UIDVALIDITY / UIDNEXT; RFC 7162 §3.1.1 HIGHESTMODSEQ.
CREATE TABLE mailboxes (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    role           TEXT,
    uid_validity   INTEGER NOT NULL CHECK (uid_validity > 0 AND uid_validity <= 4294967295),
    uid_next       INTEGER NOT NULL DEFAULT 1 CHECK (uid_next > 0),
    highest_modseq INTEGER NOT NULL DEFAULT 1,
    UNIQUE (user_id, name)
);
CREATE UNIQUE INDEX mailboxes_role ON mailboxes(user_id, role) WHERE role IS NOT NULL;

-- envelope and body_structure: opaque, sealed caches for the IMAP layer.
CREATE TABLE messages (
    id             INTEGER PRIMARY KEY,
    mailbox_id     INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
    uid            INTEGER NOT NULL,
    modseq         INTEGER NOT NULL,
    flags          TEXT NOT NULL DEFAULT '',
    internal_date  INTEGER NOT NULL,
    size           INTEGER NOT NULL CHECK (size >= 0),
    blob_id        TEXT NOT NULL,
    envelope       TEXT,
    body_structure TEXT,
    UNIQUE (mailbox_id, uid)
);
CREATE INDEX messages_blob ON messages(blob_id);
