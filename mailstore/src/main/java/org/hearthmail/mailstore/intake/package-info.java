/**
 * SMTP intake: mail the relay passes through the tunnel (and, optionally, mail from the home LAN).
 *
 * <p>What the intake trusts, and why (DESIGN.md, "Trust model"):
 * <ul>
 *   <li>XCLIENT only from the configured relay tunnel addresses; the original client's address,
 *       name and HELO then go into our {@code Received:} line.</li>
 *   <li>The relay's verdicts travel as headers it prepends above its own {@code Received:} line:
 *       {@code Authentication-Results} carrying our authserv-id (RFC 8601) and
 *       {@code Hearthmail-Verdict: junk}. Both are honoured only from a session the relay forwarded
 *       (XCLIENT), and only above the first {@code Received:} field; every other header claiming our
 *       authserv-id is removed (RFC 8601 §5), and the verdict header is never stored.</li>
 *   <li>{@code Hearthmail-Transaction: <uuid>}, the relay's id for one message, likewise only from the
 *       relay and above its {@code Received}, never stored. The store remembers committed ids in the
 *       delivery's own transaction (7 days, at most 100,000), so a second copy (the relay spooled one
 *       after our 250 did not reach it in time) is answered {@code 250 2.0.0 Already stored} and stored
 *       nothing (docs/adr/0003-spool-sealing.md, "Hung mailstore").</li>
 * </ul>
 *
 * <p>Invariants: a recipient is checked at RCPT time against users, aliases, catch-alls and quota
 * ({@code 550 5.1.1}, {@code 452 4.2.2}), so the relay can refuse live; content streams from the
 * network to the message file without being held whole in memory; {@code 250} is sent only after
 * the store's transaction committed (file fsynced, renamed, directory fsynced). Apart from our
 * {@code Received:} line and the removed headers, the bytes are stored exactly as received.
 *
 * <p>Spool hand-over (docs/adr/0003-spool-sealing.md): {@code RCPT TO:<spool@relay.invalid>} is
 * honoured only after XCLIENT from a relay address and alone in its transaction; the content is a
 * sealed entry (base64 lines) opened with {@code keys/spool.key}, authenticated whole before
 * anything of it is used, then delivered through the normal path with its sealed envelope. Entry
 * ids already delivered ({@link org.hearthmail.mailstore.intake.SpoolIds}, file {@code spool-ids})
 * are acknowledged without a second delivery.
 */
package org.hearthmail.mailstore.intake;
