/**
 * DMARC (RFC 7489): policy record discovery, identifier alignment and the policy to apply, given the
 * SPF and DKIM results of a message ({@link org.hearthmail.dmarc.DmarcEvaluator}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>The organizational domain comes from the Public Suffix List (Guava's copy); a name under no
 *       known suffix falls back to its last two labels (the PSL's implicit "*" rule).</li>
 *   <li>Discovery asks at most two names: {@code _dmarc.<From domain>}, then
 *       {@code _dmarc.<organizational domain>} (§6.6.3). A DNS failure is temperror, never "none".</li>
 *   <li>The verdict states the policy to apply after pct sampling; acting on it (reject at DATA,
 *       file into Junk) is the caller's decision.</li>
 * </ul>
 */
package org.hearthmail.dmarc;
