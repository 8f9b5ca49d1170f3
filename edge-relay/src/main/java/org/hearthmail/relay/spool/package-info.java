/**
 * The edge relay's durable, sealed spool of inbound mail, used while the mailstore is
 * unreachable (DESIGN.md "Inbound"): {@link org.hearthmail.relay.spool.Spool} accepts entries,
 * {@link org.hearthmail.relay.spool.SpoolDrainer} hands them to the mailstore in order when the
 * tunnel is back. The hand-over protocol is in {@code docs/adr/0003-spool-sealing.md}.
 *
 * <p>On-disk layout (one directory, owned by one process through {@code spool.lock}):
 * <pre>
 *   spool.lock                               advisory lock, held while a Spool is open
 *   incoming-&lt;uuid&gt;.tmp                       an entry being written (never acknowledged)
 *   &lt;sequence, 20 digits&gt;-&lt;arrival ms&gt;.sealed   a committed entry: SpoolEntryCodec's sealed stream
 *   last-sequence                            highest sequence ever removed, so numbering continues
 * </pre>
 * Only the sequence, arrival time and size are in the clear; envelope, client facts,
 * Authentication-Results and content are sealed to the mailstore's public key, and the relay holds
 * no key that opens them.
 *
 * <p>Invariants:
 * <ul>
 *   <li>An entry is either complete and committed or absent: content goes to a temp file which is
 *       fsynced, renamed and the directory fsynced before {@code commit()} returns; temp files
 *       found at open are swept.</li>
 *   <li>Sequence numbers strictly increase in commit order, also across restarts; the drainer
 *       sends the lowest first and never removes an entry before the sender reported success.</li>
 *   <li>Committed plus in-progress bytes never exceed {@code maxBytes}: {@code begin} refuses and a
 *       write that would pass the limit fails, both with {@link org.hearthmail.relay.spool.SpoolFullException}
 *       (452 4.3.1).</li>
 *   <li>Nothing here logs envelope data: logs name entries by sequence number only.</li>
 * </ul>
 * Blocking: every method of {@code Spool}, {@code SpoolWriter} and {@code SpoolEntry} blocks on the
 * disk (and seals, which costs CPU). Call them from an executor, never from a Netty event loop.
 */
package org.hearthmail.relay.spool;
