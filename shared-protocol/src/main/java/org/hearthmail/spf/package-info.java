/**
 * Sender Policy Framework (RFC 7208): {@link org.hearthmail.spf.SpfChecker} evaluates check_host()
 * for the MAIL FROM and HELO identities.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Evaluation is asynchronous end to end: each DNS lookup is chained on the previous one's
 *       future; nothing waits on a thread.</li>
 *   <li>One evaluation (including every include and redirect) performs at most 10 terms that
 *       cause DNS lookups and tolerates at most 2 void lookups (§4.6.4); more yields permerror.
 *       Explanation lookups (exp=) do not count (§6.2).</li>
 *   <li>Records are parsed completely before any mechanism is evaluated, so a syntax error
 *       anywhere in a record is a permerror even if an earlier mechanism would match (§4.6).</li>
 *   <li>Results are values ({@link org.hearthmail.spf.SpfVerdict}); the futures never complete
 *       exceptionally.</li>
 * </ul>
 */
package org.hearthmail.spf;
