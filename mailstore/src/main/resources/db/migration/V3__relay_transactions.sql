-- Relay transaction ids committed by the intake (docs/adr/0003-spool-sealing.md, amendment "Hung
-- mailstore"): a second copy of a message the relay spooled after the mailstore did not answer in
-- time is acknowledged without being stored again. Written in the delivery's own transaction;
-- bounded by age (committed_at, epoch seconds) and by count (seq, insertion order).
CREATE TABLE relay_transactions (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    committed_at INTEGER NOT NULL
);
CREATE INDEX relay_transactions_committed ON relay_transactions(committed_at);
