/**
 * Live pass-through of inbound mail to the mailstore (DESIGN.md, "Inbound").
 *
 * <p>While the mailstore is reachable, each sender's transaction is mirrored on a session to the
 * mailstore's intake: XCLIENT first (the sender's address, port, verified name, HELO, protocol and
 * the address it connected to), then MAIL, each RCPT (whose verdict the sender gets, so unknown
 * users are refused during the dialogue and nothing bounces later). The session is taken from a pool
 * at the sender's first MAIL, preferably one on the sender's own event loop ({@link
 * org.hearthmail.relay.forward.MailstoreLink}), announced with XCLIENT once and kept for all of that
 * sender's transactions. SPF is checked before MAIL is forwarded. On a session already open, MAIL is
 * written without waiting for its reply and the sender hears {@code 250} at once; the mailstore's
 * verdict on MAIL is the reply to the sender's RCPTs ({@link org.hearthmail.relay.forward.PipelinedMail};
 * RCPT goes to the mailstore once MAIL was accepted), so a message costs the sender two relay↔mailstore
 * round trips (RCPT, BDAT) instead of three. The content is held while DKIM
 * hashes it ({@code org.hearthmail.relay.buffer}: in memory up to 256 KiB within a relay-wide budget,
 * else an encrypted temp file); at its end DMARC and the policy decide ({@code
 * org.hearthmail.relay.checks}): a refusal resets the mailstore transaction, anything else is sent,
 * with BDAT when the mailstore offers CHUNKING (RFC 3030) and DATA otherwise, as {@code
 * Authentication-Results}, {@code Hearthmail-Verdict: junk} if quarantined, our {@code Received},
 * then the content (docs/adr/0004-relay-message-checks.md).
 *
 * <p>Invariants: never an open relay (a recipient outside the served domains gets {@code 550 5.7.1}
 * before anything is asked of the mailstore); the sender's final reply to DATA/BDAT is the
 * mailstore's own reply, sent after the mailstore committed, or the spool's after its fsync, so the
 * relay never says 250 for a message not durably stored; content is never held whole in memory unless it is at most 256 KiB
 * and the relay-wide memory budget ({@link org.hearthmail.relay.buffer.MemoryBudget}) has room (else
 * at most a few chunks per message besides the header copy of at most 256 KiB); a message abandoned
 * midway never reaches the mailstore (its DATA/BDAT has not started; the transaction is reset); one
 * Authentication-Results field with our authserv-id, always first.
 *
 * <p>When the mailstore cannot be reached at MAIL (connect, XCLIENT or MAIL fails, or a pipelined
 * MAIL gets no reply, noticed at the first RCPT) and a
 * {@link org.hearthmail.relay.forward.SpoolFallback} is configured, the transaction stays on the
 * relay ({@code LocalTransaction}): each RCPT is checked against the recipient cache ({@code 550
 * 5.1.1} unknown, {@code 450 4.4.3} no cache), the checked content is sealed with the envelope and
 * client facts into the spool, and {@code 250} follows only the spool's commit (fsync, rename,
 * directory fsync); a full spool answers {@code 452 4.3.1}. The same happens when the mailstore stops
 * answering mid-transaction: the tunnel hop has its own timeouts ({@link
 * org.hearthmail.relay.forward.LinkTimeouts}, {@code [mailstore] command_timeout} and {@code
 * commit_timeout}); no reply before the content moves the rest of the transaction to the relay; no final
 * reply after it seals the relay's own copy into the spool. Every forwarded message carries a random
 * transaction id ({@code Hearthmail-Transaction}, above our {@code Received}) in both copies, so the
 * mailstore stores it once even when it committed the live copy (ADR 0003, "Hung mailstore"). {@link org.hearthmail.relay.forward.SpoolHandover}
 * later hands each entry to the mailstore (ADR 0003). Without a fallback such senders get
 * {@code 451 4.4.1} and retry.
 */
package org.hearthmail.relay.forward;
