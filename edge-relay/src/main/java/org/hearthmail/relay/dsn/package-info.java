/**
 * Delivery status notifications (RFC 3464, RFC 3461, RFC 6522) for mail the relay could not
 * deliver (or has not delivered yet), sent back to the sender's mailbox on the mailstore.
 *
 * <p>Invariants: notices go from the null sender {@code <>} and are never generated about a
 * message that itself has the null sender; NOTIFY=NEVER suppresses them (RFC 3461 §4.1); the
 * remote reply is quoted both for people (text part) and machines (Diagnostic-Code); a notice is
 * queued durably before the recipient states it reports are recorded.
 */
package org.hearthmail.relay.dsn;
