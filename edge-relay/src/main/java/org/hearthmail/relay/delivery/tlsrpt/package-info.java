/**
 * SMTP TLS Reporting (RFC 8460): counts of TLS sessions to domains with an MTA-STS or DANE policy,
 * and the daily aggregate report to the domain's {@code rua} (mail or HTTPS).
 *
 * <p>Invariants: counting never blocks or fails a delivery; reports are sent only to domains
 * publishing exactly one valid TLSRPT record; mailed reports go from the configured reporter
 * address with NOTIFY=NEVER, so a failing report never produces a bounce. Counts live in memory
 * (a restart loses the current day).
 */
package org.hearthmail.relay.delivery.tlsrpt;
