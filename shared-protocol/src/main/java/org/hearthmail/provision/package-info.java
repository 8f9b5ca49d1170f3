/**
 * The relay provisioning bundle: what {@code mailstore relay bundle} writes at home and
 * {@code edge-relay init --bundle} reads on the VPS.
 *
 * <p>Format (version 1), ASCII-armoured so it survives copy and paste:
 * <pre>
 * -----BEGIN HEARTHMAIL RELAY BUNDLE-----
 * base64 of: "HMRB" | version u8 | kdf u8 (1 = Argon2id) | memory KiB u32 | iterations u32 |
 *            parallelism u8 | salt[16] | nonce[12] | check[16] | AES-256-GCM ciphertext+tag
 * -----END HEARTHMAIL RELAY BUNDLE-----
 * </pre>
 * Everything before the ciphertext is the GCM additional data, so a changed KDF parameter or
 * version cannot go unnoticed. Argon2id (RFC 9106) turns the passphrase into 64 bytes: the first
 * 32 are the AES key, the last 32 key an HMAC whose first 16 bytes are {@code check}, which tells
 * a wrong passphrase apart from an altered bundle. The plaintext is {@code key=value} lines
 * ({@link BundlePayload}).
 *
 * <p>Invariants: a bundle holds secrets (the relay's WireGuard private key, the preshared key,
 * the outbound secret, the TLS key), so {@link RelayBundle#toString()} never shows them and no
 * class here logs; KDF parameters read from a bundle are bounded before any work is done.
 */
package org.hearthmail.provision;
