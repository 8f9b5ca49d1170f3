/**
 * The mailstore's storage model and its interfaces: accounts ({@link org.hearthmail.mailstore.store.AccountStore}),
 * mailboxes, messages and change events, plus the rules every implementation shares (recipient
 * resolution, flag syntax) and the {@link org.hearthmail.mailstore.store.Sealer} seam for
 * encryption at rest.
 *
 * <p><b>On-disk layout</b> (one data directory per installation, mode 0700, see
 * {@link org.hearthmail.mailstore.store.DataDirectory}):
 * <pre>
 *   mailstore.db          SQLite, WAL mode, synchronous=FULL; schema version in PRAGMA user_version
 *   mailstore.db-wal/-shm SQLite's write-ahead log and index (part of the database)
 *   blobs/xx/&lt;32 hex&gt;     message bodies as delivered (through the Sealer), xx = first two hex digits
 *   tmp/&lt;32 hex&gt;.tmp      bodies being received; anything here at start-up is garbage
 *   keys/                 private keys (DKIM, TLS, WireGuard); owned by other packages
 * </pre>
 *
 * <p><b>Invariants</b>
 * <ul>
 *   <li>A message row references only a blob file that was fsynced and renamed into place (with
 *       its directory fsynced) before the row's transaction committed.</li>
 *   <li>A body shared by several recipients is one file; it is deleted once no row references it
 *       (ADR 0002). Unreferenced files and everything in {@code tmp/} are swept at start-up.</li>
 *   <li>Per mailbox, UIDs are strictly increasing and never reused; UIDNEXT and HIGHESTMODSEQ
 *       never decrease; every change gets a new MODSEQ (RFC 3501 §2.3.1.1, RFC 7162 §3.1.1).</li>
 *   <li>UIDVALIDITY comes from one installation-wide increasing counter, so a re-created
 *       mailbox never repeats an old value.</li>
 *   <li>Writes are serialized on one writer connection (one writing thread at a time, with group
 *       commit); change events are published after commit.
 *       A batch flag change is one transaction and one event per changed message.</li>
 *   <li>{@code summaries} never carry the parse caches (envelope and body structure are null);
 *       a {@link org.hearthmail.mailstore.store.MessageFilter} tested by a store agrees with
 *       {@code MessageFilter.test} on every row.</li>
 *   <li>All store methods block. Nothing here may run on a Netty event loop; the intake uses
 *       {@link org.hearthmail.mailstore.store.AsyncStore}.</li>
 * </ul>
 */
package org.hearthmail.mailstore.store;
