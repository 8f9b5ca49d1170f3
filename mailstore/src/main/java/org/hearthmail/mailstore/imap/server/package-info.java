/**
 * The IMAP server on Netty: listener ({@link org.hearthmail.mailstore.imap.server.ImapServer}),
 * per-connection decoder and session, the connection states (RFC 3501 §3), the selected mailbox's
 * sequence-number view, change reporting (IDLE, untagged updates) and the parse cache filler.
 *
 * <p>Invariants: nothing blocking runs on an event loop (store, Argon2id and parsing run on the
 * executor handed to the server); one command at a time per connection, and no byte after a
 * command is parsed before it finished (input that arrives meanwhile is held, with reading paused:
 * the back-pressure); a command's answer goes out in order, its end in the same event-loop task
 * that takes the next input, which waits while the socket is full; large responses wait for the
 * socket on the worker; input received before
 * STARTTLS completes is discarded; passwords are never logged; the greeting behind a PROXY
 * listener waits for the header; sequence numbers change only by reported EXPUNGEs, and EXPUNGE
 * is never reported while answering FETCH, STORE or SEARCH (RFC 3501 §7.4.1); a session holds
 * a lease on its selected mailbox's shared view ({@link org.hearthmail.mailstore.imap.view}) from
 * SELECT until it selects another, CLOSEs, or its connection ends, and hands every change event it
 * reports to that view too.
 */
package org.hearthmail.mailstore.imap.server;
