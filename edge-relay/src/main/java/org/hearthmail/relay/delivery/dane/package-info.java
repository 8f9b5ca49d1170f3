/**
 * DANE for SMTP (RFC 7672): TLSA records validated with DNSSEC by dnsjava's validating resolver, and
 * the certificate check built from them.
 *
 * <p>Invariants: DANE applies only when the MX RRset and the TLSA RRset are both DNSSEC-secure;
 * a bogus or failed TLSA lookup forbids delivery to that host (defer, never plaintext); only
 * DANE-TA(2) and DANE-EE(3) records are used; with usable records, STARTTLS is mandatory and the
 * certificate must match one of them. Where DANE applies it takes precedence over MTA-STS.
 */
package org.hearthmail.relay.delivery.dane;
