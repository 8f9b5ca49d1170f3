/**
 * The relay's intake for outbound mail: the SMTP listener on the tunnel address that the mailstore
 * hands signed mail to (DESIGN.md, "Outbound").
 *
 * <p>Invariants: no MAIL before STARTTLS and AUTH PLAIN as the relay (user name = relay name,
 * password = the per-relay secret, compared in constant time, never logged); a message is answered
 * 250 only after {@link org.hearthmail.relay.queue.QueueStore} committed it (content, metadata and
 * both directories fsynced); message content never passes through the event loop's thread to disk
 * (a two-thread disk executor writes it, in order per message); addresses on the suppression list
 * are refused at RCPT with 550 5.1.1. A transaction whose only recipient is
 * {@code recipient-cache@hearthmail.invalid} is a recipient cache push (docs/adr/0007), taken only
 * from the mailstore's tunnel address and installed into the relay's cache, never queued.
 */
package org.hearthmail.relay.outbound;
