/**
 * The recipient cache format shared by the mailstore (which builds and pushes it) and the relay
 * (which consults it at RCPT time while the mailstore is unreachable, DESIGN.md "Inbound").
 *
 * <p>Owns: address normalisation ({@link org.hearthmail.rcptcache.RecipientNormalizer}), salted
 * hashing ({@link org.hearthmail.rcptcache.RecipientHasher}), the immutable set
 * ({@link org.hearthmail.rcptcache.RecipientCache}) and its file format
 * ({@link org.hearthmail.rcptcache.RecipientCacheCodec}). The relay's on-disk holder lives in
 * {@code org.hearthmail.relay.rcptcache}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>No address is stored in the clear: only HMAC-SHA256 under the installation's secret salt.</li>
 *   <li>Both ends normalise with the same code, and the separators travel inside the file, so the
 *       relay cannot disagree with the mailstore about what {@code user+tag} means.</li>
 *   <li>{@code decode(encode(c), salt)} contains exactly what {@code c} contains; a file made with
 *       another salt, of another version, or altered in any byte is refused.</li>
 * </ul>
 * No I/O here; hashing is cheap enough for an event loop, decoding a large file is not.
 */
package org.hearthmail.rcptcache;
