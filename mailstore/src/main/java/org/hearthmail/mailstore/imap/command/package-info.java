/**
 * One class per IMAP command (RFC 3501 §6 and the extensions the server advertises), run against
 * the {@link org.hearthmail.mailstore.store.MailStore} through a
 * {@link org.hearthmail.mailstore.imap.command.CommandContext}.
 *
 * <p>Invariants: a command runs on a worker thread, and at most one runs per session at a time;
 * only {@code executeAtOnce} runs on an event loop, and it waits for nothing (no database access,
 * no disk read: body bytes only from the page cache) and writes or changes nothing unless it
 * answers; the states a command is valid in are declared by the command and checked
 * by the session in one place; a failure is an {@link org.hearthmail.mailstore.imap.command.ImapException}
 * (tagged NO/BAD with an RFC 5530 code) or an {@link org.hearthmail.mailstore.imap.proto.ImapSyntaxException}
 * (BAD), never a stack trace to the client; passwords and AUTHENTICATE payloads are wiped after
 * use and never logged; the session's sequence numbers change only through EXPUNGE responses
 * the command (or the session at a command boundary) sends; a session speaks IMAP4rev1 until it
 * sends ENABLE IMAP4rev2, and only then gets the RFC 9051 forms (ESEARCH, UTF-8 names in NFC, no
 * RECENT, no NEW/OLD/RECENT search keys);
 * a command over a set of messages
 * changes flags in one store transaction, each changed message still getting its own MODSEQ;
 * SELECT, STORE, SEARCH, SORT and THREAD read UIDs, flags, MODSEQ, sizes and dates from the shared
 * mailbox view ({@link org.hearthmail.mailstore.imap.view}), not from the store's rows; SEARCH
 * answers the same on its fast path (the view and the {@link
 * org.hearthmail.mailstore.imap.command.HeaderIndex}) as on its reference path (every message read),
 * and SORT orders as a plain reference sort does, which property tests check; SORT and THREAD
 * compare only what the view and the header index hold (RFC 5256), never a message file once a
 * message is indexed, and order exactly as a comparator sort over those keys would (the kept
 * {@code SortRanks} of a mailbox only ever serve messages they were made for); FETCH of ENVELOPE, BODYSTRUCTURE and BODY answers exactly what a
 * fresh parse renders, from {@link org.hearthmail.mailstore.imap.command.RenderedCache} when the
 * message is there; FETCH of whole bodies answers the same octets whether the body's file is found
 * through the shared mailbox view or through the message's row.
 */
package org.hearthmail.mailstore.imap.command;
