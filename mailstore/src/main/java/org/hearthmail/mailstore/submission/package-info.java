/**
 * Message submission (RFC 6409 on the STARTTLS port, RFC 8314 implicit TLS): the users' mail
 * clients hand their outgoing mail to the mailstore, which checks, cleans, signs and routes it.
 *
 * <p>Owns: the two listeners ({@link org.hearthmail.mailstore.submission.SubmissionServer}), the
 * session policy ({@link org.hearthmail.mailstore.submission.SubmissionSession}), the sender check
 * ({@link org.hearthmail.mailstore.submission.SenderCheck}), header rewriting
 * ({@link org.hearthmail.mailstore.submission.HeaderRewriter}), DKIM signing and routing of each
 * recipient to the local store or to the relay ({@link org.hearthmail.mailstore.submission.RelayHandoff}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>AUTH only inside TLS, MAIL only after AUTH (530 5.7.0); failed logins count against the
 *       real client address (from the relay's PROXY v2 header) in the throttle shared with IMAP.</li>
 *   <li>MAIL FROM and every From:/Sender: address must resolve to the authenticated user (own
 *       address, sub-address, alias or catch-all); otherwise {@code 550 5.7.1} naming the address.</li>
 *   <li>Nothing leaves unchanged: the configured metadata fields are removed, Date and Message-ID
 *       are added when missing, and every message is DKIM-signed (Ed25519 and RSA-2048) for the
 *       From domain before it is stored or handed on.</li>
 *   <li>{@code 250} only after every recipient is safe: remote ones accepted by the relay (whose
 *       queue is the durable store; there is no queue on the mailstore side) and local ones
 *       committed to the store. Relay unreachable: {@code 451 4.4.1}; the relay gets all remote
 *       recipients of a message or none (so a retry cannot duplicate).</li>
 *   <li>The submitted message is spooled to a 0600 file in the data directory's {@code tmp/} while
 *       it is signed (the signature goes in front), and deleted afterwards; disk and crypto work
 *       run on the worker executor, never on an event loop.</li>
 *   <li>No copy to the Sent mailbox: clients save there themselves with IMAP APPEND.</li>
 * </ul>
 */
package org.hearthmail.mailstore.submission;
