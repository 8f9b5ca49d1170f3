/**
 * The DNS records an installation needs, computed from its facts (hosted domains, the client-facing
 * name {@code mx_host}, the provisioned relays, the published DKIM selectors): a {@link
 * org.hearthmail.mailstore.dnsrecords.DnsPlan}. {@code mailstore dns records} prints it as zone-file
 * text or JSON; {@code mailstore dns check} compares it with what DNS answers.
 *
 * <p>Invariants: owner names are lower case, without a trailing dot, A-labels; the plan is a pure
 * function of its inputs (no clock, no lookups), so printing twice gives the same records and the
 * MTA-STS id changes only when the policy text changes.
 */
package org.hearthmail.mailstore.dnsrecords;
