/**
 * Sender authentication of inbound mail (SPF RFC 7208, DKIM RFC 6376, DMARC RFC 7489) and the
 * relay's policy for failures; the libraries doing the work live in shared-protocol.
 *
 * <p>Order: SPF at MAIL (client address, MAIL FROM, HELO), so that with policy {@code reject} an SPF
 * fail is refused there ({@code 550 5.7.23}); DKIM while the content streams (key lookups start as
 * soon as the header section is complete); at the end of the content the From field's domain,
 * DMARC, and the decision ({@link org.hearthmail.relay.checks.Conclusion}).
 *
 * <p>Invariants: exactly one {@code Authentication-Results} field per message, with the configured
 * authserv-id; refusals name their reason and carry {@code 5.7.x}; no check ever fails a message
 * because DNS failed (temperror results are recorded, never turned into refusals); futures returned
 * here never complete exceptionally; nothing secret is logged (results, domains and selectors only).
 */
package org.hearthmail.relay.checks;
