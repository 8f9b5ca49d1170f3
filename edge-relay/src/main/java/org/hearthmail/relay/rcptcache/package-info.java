/**
 * The relay's recipient cache: the salted hashes of deliverable addresses that the mailstore
 * pushes, consulted at RCPT time only while the mailstore cannot be asked live (DESIGN.md
 * "Inbound"), so the relay refuses unknown users without backscatter even when spooling.
 *
 * <p>On disk: one file (format in {@link org.hearthmail.rcptcache.RecipientCacheCodec}) and, only
 * during a replace, {@code <file>.tmp}, removed at open.
 *
 * <p>Invariants:
 * <ul>
 *   <li>No address in the clear, on disk or in logs; the relay keeps the salt only to look up.</li>
 *   <li>The generation never goes back: an older or equal push is ignored.</li>
 *   <li>A reader sees either the old cache or the new one, on disk (rename) and in memory (one
 *       volatile reference); a damaged file or a push made with another salt is refused loudly.</li>
 *   <li>{@code missing()} until the first valid cache arrives; then lookups never say "missing" again.</li>
 * </ul>
 */
package org.hearthmail.relay.rcptcache;
