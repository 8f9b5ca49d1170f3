/**
 * Delivery of queued mail: to the recipient domains' MX hosts (RFC 5321 §5, RFC 7505 null MX,
 * opportunistic STARTTLS per RFC 7435/3207) and of notices to the mailstore's intake.
 *
 * <p>Invariants: each attempt yields exactly one outcome per requested recipient; a recipient is
 * reported Delivered only after the remote's 250 to the content, Failed only on a 5yz reply, a
 * null MX or a non-existent domain, and Deferred otherwise (4yz, no host reachable, DNS temporary
 * failure), so nothing is bounced on a transient fault. MAIL and RCPT parameters are passed on only
 * when the remote advertised the extension.
 */
package org.hearthmail.relay.delivery;
