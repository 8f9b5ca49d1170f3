/**
 * The relay's recipient cache: the salted hashes of deliverable addresses that the mailstore
 * pushes, consulted at RCPT time only while the mailstore cannot be asked live (DESIGN.md
 * "Inbound"), so the relay refuses unknown users without backscatter even when spooling.
 *
 * <p>The mailstore pushes it over the outbound listener (docs/adr/0007; the push is taken in
 * {@code org.hearthmail.relay.outbound.RecipientCacheSink}).
 *
 * <p>On disk: one file (format in {@link org.hearthmail.rcptcache.RecipientCacheCodec}); only
 * during a replace, {@code <file>.tmp}, removed at open; a file found damaged at open is moved to
 * {@code <file>.bad} (logged as an error) and the relay runs as if none had been pushed.
 *
 * <p>Invariants:
 * <ul>
 *   <li>No address in the clear, on disk or in logs; the relay keeps the salt only to look up.</li>
 *   <li>The generation never goes back: an older or equal push is ignored.</li>
 *   <li>A reader sees either the old cache or the new one, on disk (rename) and in memory (one
 *       volatile reference); a damaged file or a push made with another salt is refused loudly.</li>
 *   <li>{@code missing()} until the first valid cache arrives; then lookups never say "missing" again.</li>
 *   <li>A cache the mailstore has not confirmed (pushed again) for longer than its maximum age
 *       (7 days) is stale and answers {@code CANNOT_TELL}, like a missing one (450 4.4.3).</li>
 *   <li>A push that is damaged, of another version or salt changes nothing; the cache in force stays.</li>
 * </ul>
 */
package org.hearthmail.relay.rcptcache;
