/**
 * DNS lookups for message authentication (SPF, DKIM, DMARC): a small asynchronous interface
 * ({@link org.hearthmail.dns.DnsResolver}) with typed outcomes ({@link org.hearthmail.dns.DnsResult}),
 * an implementation over dnsjava pointed at one configured server, and a data-only fake for unit tests.
 *
 * <p>Invariants:
 * <ul>
 *   <li>No method blocks the caller: every lookup returns a {@link java.util.concurrent.CompletableFuture}
 *       that completes on a resolver thread, never exceptionally; failures are values.</li>
 *   <li>The three negative outcomes stay distinct, because SPF and DMARC treat them differently:
 *       NXDOMAIN (name does not exist), no data (name exists, no record of the type) and a temporary
 *       failure (SERVFAIL, REFUSED, timeout, network error).</li>
 *   <li>Names are absolute, lower case, without the trailing dot in results; TXT character-strings of
 *       one record are concatenated without separators (RFC 7208 §3.3, RFC 6376 §3.6.2.2).</li>
 * </ul>
 */
package org.hearthmail.dns;
