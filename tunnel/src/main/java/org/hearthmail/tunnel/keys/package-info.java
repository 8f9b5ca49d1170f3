/**
 * WireGuard key material: Curve25519 private and public keys and symmetric preshared keys, in
 * the 32-byte form WireGuard uses, written as standard base64 (44 characters, as {@code wg genkey}
 * prints them) or lowercase hex (as the UAPI protocol wants them).
 *
 * <p>Invariants: every key holds exactly 32 bytes; key objects are immutable (arrays are copied
 * in and out); a private or preshared key never prints its value through {@code toString()},
 * so it cannot leak into a log line by accident. Generated private keys are clamped exactly as
 * {@code wg genkey} clamps them, and a public key is always derived from the clamped scalar, so
 * our public key equals {@code wg pubkey} for any 32-byte private key.
 */
package org.hearthmail.tunnel.keys;
