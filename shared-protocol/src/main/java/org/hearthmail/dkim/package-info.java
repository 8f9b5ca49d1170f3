/**
 * DKIM (RFC 6376) verification and signing, with the RFC 8301 crypto floor (no rsa-sha1, RSA keys of
 * at least 1024 bits) and Ed25519 (RFC 8463).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Messages are consumed as a stream: the header block is buffered up to a limit, the body is
 *       canonicalised and hashed as it passes and never stored. Input line endings are normalised
 *       (a bare LF counts as CRLF) the same way for signing and verifying.</li>
 *   <li>Header bytes are handled as ISO-8859-1 strings, so every byte maps to one char and back
 *       unchanged (UTF-8 header text survives canonicalisation byte for byte).</li>
 *   <li>Verification never throws: each signature gets its own {@link org.hearthmail.dkim.DkimResult}
 *       with a status and a reason. Key lookups and signature checks run asynchronously; only
 *       hashing happens on the caller's thread.</li>
 *   <li>Private keys are never logged or put in exception messages.</li>
 * </ul>
 */
package org.hearthmail.dkim;
