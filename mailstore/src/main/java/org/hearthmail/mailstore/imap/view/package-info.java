/**
 * The in-memory view of open mailboxes that SELECT, SEARCH, STORE and FETCH without body parts
 * read instead of the store's rows (what Dovecot keeps in {@code dovecot.index}): per mailbox,
 * parallel arrays ascending by UID of UID, MODSEQ, flag combination id, INTERNALDATE, RFC822.SIZE,
 * body id and the day of the Date field (filled on first SENT* search from the header index).
 *
 * <p>Owns: {@link org.hearthmail.mailstore.imap.view.MailboxViews} (one registry per store, shared
 * by its IMAP listeners, reference counted by session leases, a view kept for a minute after its
 * last session left), {@link org.hearthmail.mailstore.imap.view.MailboxView} (one per open
 * mailbox: the event queue and the current snapshot) and
 * {@link org.hearthmail.mailstore.imap.view.ViewSnapshot} (one immutable state).
 *
 * <p>Invariants:
 * <ul>
 *   <li>After {@code sync()} a view equals a fresh read of the store's rows as of every change
 *       whose event it has been offered; store events are published after commit, and every
 *       change is applied idempotently (MODSEQ decides between two flag changes, UIDs are never
 *       reused), so order and duplicates of events do not matter.</li>
 *   <li>A snapshot never changes once published (its caches aside: the sent days and the results
 *       of flag tests, both computed from the snapshot's own immutable data), so a search runs on
 *       it without a lock while deliveries and other sessions go on.</li>
 *   <li>Only changes made through this process's store are seen: the store publishes no events
 *       for commits of other processes (today only the CLI writes, and never to messages).</li>
 * </ul>
 *
 * <p>Memory: 40 bytes per message in a view (8 UID, 8 MODSEQ, 4 flag combination, 8 internal
 * date, 8 size, 4 sent day) and a reference to its body id (about 100 bytes with the id, shared
 * between snapshots), plus up to an eighth spare capacity, plus up to 16 kept flag-test results
 * (one bit per message each), plus one entry per distinct flag combination (a mailbox has few;
 * renumbered when most are unused). A sync that applies changes copies the arrays once (a second
 * 44 bytes per message until the old snapshot is no longer used; the body ids are shared). Each session's own sequence map ({@code SelectedMailbox}) adds 16 bytes per
 * message (UID and last reported MODSEQ). 10 000 messages: about 2 MiB per open mailbox.
 */
package org.hearthmail.mailstore.imap.view;
