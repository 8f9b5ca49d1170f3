-- RFC 7162 §3.2.5 QRESYNC: which UIDs left a mailbox, and at which mod-sequence, so a client can
-- ask what vanished since the mod-sequence it last saw.
CREATE TABLE expunged (
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
    uid        INTEGER NOT NULL,
    modseq     INTEGER NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
) WITHOUT ROWID;
CREATE INDEX expunged_modseq ON expunged(mailbox_id, modseq);
