/**
 * The relays this mailstore has provisioned ({@code mailstore relay bundle}, {@link
 * org.hearthmail.mailstore.relays.RelayProvisioner}).
 *
 * <p>On disk, in the data directory: {@code relays/NAME.toml} per relay, public facts only (names,
 * addresses, public keys), written atomically; the secrets shared with a relay under {@code keys/}
 * (0600): {@code keys/relays/NAME.psk} (WireGuard preshared key), {@code keys/relays/NAME.credentials}
 * (outbound hand-off name and secret) and {@code keys/recipient-cache.salt} (one per installation).
 * Read by {@code mailstore run} (tunnel peers), {@code dns records} and {@code dns check}.
 *
 * <p>Invariants: tunnel addresses are unique among relays and never the mailstore's own
 * ({@link org.hearthmail.mailstore.relays.TunnelAddressPlan}); a relay name is never reused while
 * its file exists; the relay with the lowest MX preference holds the outbound hand-off.
 */
package org.hearthmail.mailstore.relays;
