/**
 * The SQLite implementation of the store; the only package of the module that uses JDBC.
 *
 * <p>Owns {@code mailstore.db} (and its {@code -wal}/{@code -shm} files). Connections: one writer,
 * used by one thread at a time with {@code BEGIN IMMEDIATE} transactions and group commit (writes
 * that queue up while one commits share the next transaction, each in its own savepoint; see
 * {@link org.hearthmail.mailstore.store.sqlite.GroupCommit}); a fixed pool of read-only
 * connections, each read in one snapshot. {@code journal_mode=WAL}, {@code synchronous=FULL} (a
 * returned commit survives power loss; the one exception is the IMAP parse cache, committed with
 * {@code synchronous=NORMAL} because it is rebuilt on demand), foreign keys on.
 *
 * <p>Recipient lookups keep their positive answers in memory
 * ({@link org.hearthmail.mailstore.store.sqlite.RecipientCache}) so that RCPT needs no database
 * read; deliveries always resolve afresh inside their transaction.
 *
 * <p>Table {@code relay_transactions} holds the relay transaction ids of committed deliveries
 * ({@code deliverOnce}), written in the delivery's own transaction and bounded by age and count
 * ({@link org.hearthmail.mailstore.store.TransactionMemory}).
 *
 * <p>Schema: {@code db/migration/V<n>__<name>.sql}, listed in {@code migrations.txt}, applied in
 * order at start, each in its own transaction with its {@code user_version} bump. A database
 * whose version is newer than the code is refused with {@link
 * org.hearthmail.mailstore.store.sqlite.SchemaVersionException}. Released migrations are never
 * edited.
 *
 * <p>{@link org.hearthmail.mailstore.store.sqlite.Backup} makes an online, consistent copy.
 */
package org.hearthmail.mailstore.store.sqlite;
