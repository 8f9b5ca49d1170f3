/**
 * Live pass-through of inbound mail to the mailstore (DESIGN.md, "Inbound").
 *
 * <p>While the mailstore is reachable, each sender's transaction is mirrored on a session to the
 * mailstore's intake: XCLIENT first (the sender's address, port, verified name, HELO, protocol and
 * the address it connected to), then MAIL, each RCPT (whose verdict the sender gets, so unknown
 * users are refused during the dialogue and nothing bounces later), then the content, streamed.
 *
 * <p>Invariants: never an open relay (a recipient outside the served domains gets {@code 550 5.7.1}
 * before anything is asked of the mailstore); the sender's final reply to DATA/BDAT is the
 * mailstore's own reply, sent after the mailstore committed, so the relay never says 250 for a
 * message not durably stored; content is never held whole in memory; a message abandoned midway is
 * never terminated towards the mailstore (the connection to it is dropped instead).
 */
package org.hearthmail.relay.forward;
