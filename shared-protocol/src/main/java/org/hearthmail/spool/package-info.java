/**
 * The spool entry format shared by the relay (which writes entries while the mailstore is
 * unreachable) and the mailstore (which opens them when the relay hands them over through the
 * tunnel): {@link org.hearthmail.spool.SpoolEntryCodec}. See {@code docs/adr/0003-spool-sealing.md}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Nothing of an entry is readable without the mailstore's private key: envelope, client
 *       facts, arrival time, Authentication-Results and content are all inside one sealed stream.</li>
 *   <li>Whatever {@code begin} writes, {@code open} reads back equal (property of the codec,
 *       tested); an entry's id is chosen by the writer and survives re-sending, so the mailstore
 *       can drop duplicates.</li>
 *   <li>{@link org.hearthmail.spool.SpoolEntryMeta#toString()} prints no personal data.</li>
 * </ul>
 * Blocking: all calls do stream I/O and crypto; run them on an executor, never on an event loop.
 */
package org.hearthmail.spool;
