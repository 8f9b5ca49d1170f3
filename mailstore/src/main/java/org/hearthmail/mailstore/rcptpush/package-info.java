/**
 * The mailstore's side of the recipient cache (DESIGN.md "Inbound", docs/adr/0007): it computes
 * the set of deliverable addresses (users, aliases, catch-all domains, with the sub-address
 * separator), hashes it under the installation's salt ({@code keys/recipient-cache.salt}) and
 * pushes it to the relay over the relay's authenticated outbound listener whenever it changes, at
 * start, and hourly.
 *
 * <p>Invariants:
 * <ul>
 *   <li>No address leaves the mailstore in the clear: only {@code org.hearthmail.rcptcache}'s
 *       salted hashes, in a file whose MAC needs the salt.</li>
 *   <li>Generations only go up (push time in ms, above the last one and above what the relay holds).</li>
 *   <li>A push waits for the relay's reply; the set counts as pushed only after its 250.</li>
 *   <li>Changes made by CLI commands in other processes are seen by polling the store, not by
 *       events (which do not cross processes).</li>
 * </ul>
 */
package org.hearthmail.mailstore.rcptpush;
