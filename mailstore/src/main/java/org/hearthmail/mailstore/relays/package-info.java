/**
 * The relays this mailstore has provisioned ({@code mailstore relay bundle}): one small TOML file
 * per relay under {@code relays/} in the data directory, public facts only (names, addresses,
 * public keys). Secrets shared with a relay (preshared key, outbound secret) live under {@code keys/}.
 * Read by {@code mailstore run} (tunnel peers), {@code dns records} and {@code dns check}.
 */
package org.hearthmail.mailstore.relays;
