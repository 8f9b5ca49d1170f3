/**
 * The mailstore's DKIM keys (RFC 6376): generation, storage, selectors and rotation. Keys live only
 * here, on the mailstore; the relay never sees them (DESIGN.md, "Trust model").
 *
 * <p>On-disk layout, under the data directory:
 * <pre>
 * keys/dkim/                     0700
 *   selectors                    the rotation state, one line per selector (see {@link org.hearthmail.mailstore.dkim.SelectorState})
 *   &lt;name&gt;.ed25519.pem           PKCS#8 private key, 0600 (published as &lt;name&gt;-ed25519._domainkey)
 *   &lt;name&gt;.rsa.pem               PKCS#8 RSA-2048 private key, 0600 (published as &lt;name&gt;-rsa._domainkey)
 * </pre>
 *
 * <p>Invariants: a selector name has one Ed25519 and one RSA-2048 key (RFC 8463 §5 suggests signing
 * with both, side by side), each under its own DNS selector because one DNS name carries one key
 * record; exactly one selector is active (signs); a rotated-out selector stays published (and listed
 * by {@code mailstore dns records}) until its grace period ends, then its key files are deleted on
 * the next rotation. Key files are written (0600, fsynced) before the state file names them, and the
 * state file is replaced atomically, so a concurrent reader (the running server) never sees a
 * selector without its keys. Private keys are never logged or printed.
 */
package org.hearthmail.mailstore.dkim;
