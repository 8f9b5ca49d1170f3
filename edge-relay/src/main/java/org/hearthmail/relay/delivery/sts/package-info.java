/**
 * MTA-STS (RFC 8461) for outbound delivery: TXT discovery, HTTPS policy fetch with the JDK client,
 * an in-memory cache honouring max_age, and the MX pattern match of §4.1.
 *
 * <p>Invariants: any discovery or fetch failure means "no new policy" and never bounces mail; a
 * fresh cached policy is used when the record or the fetch is unavailable (§5.1); redirects are
 * never followed (§3.3). Enforcement (PKIX-validated STARTTLS to an MX matching the policy) is in
 * {@link org.hearthmail.relay.delivery.MxDelivery}.
 */
package org.hearthmail.relay.delivery.sts;
