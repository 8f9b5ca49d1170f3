/**
 * Sealing a stream to the mailstore's X25519 public key, so the relay can hold inbound mail it
 * cannot read (DESIGN.md "Trust model"). The relay seals with {@link org.hearthmail.seal.SealedWriter};
 * only the mailstore, holding the private key, opens with {@link org.hearthmail.seal.SealedReader}.
 * The scheme and its reasons are in {@code docs/adr/0003-spool-sealing.md}.
 *
 * <p>Format ({@code version 1}):
 * <pre>
 *   header   "HMSEAL" | 0x01 | segment size (u32 BE) | ephemeral X25519 public key (32)
 *   segment  ChaCha20-Poly1305(key, nonce = counter (11 bytes BE) | final flag (1 byte), plaintext)
 *            every segment holds exactly `segment size` plaintext bytes except the last,
 *            which holds 1..size (0 only for an empty message)
 *   key      HKDF-SHA256(X25519(ephemeral, recipient), info = label | header | recipient public key)
 * </pre>
 *
 * <p>Invariants:
 * <ul>
 *   <li>A fresh ephemeral key per stream, so no (key, nonce) pair is ever reused.</li>
 *   <li>Reordering, dropping, duplicating or altering a segment, truncating the stream at any
 *       byte, appending bytes, or editing the header is detected as a
 *       {@link org.hearthmail.seal.SealIntegrityException} (or, for the magic, version and segment
 *       size fields, a {@link org.hearthmail.seal.SealFormatException}); so is a wrong private key.</li>
 *   <li>Memory is one segment (default 64 KiB) per writer or reader, whatever the message size; the
 *       reader reads at most one segment and one byte ahead of what it has handed out.</li>
 *   <li>Plaintext is released per verified segment; the message as a whole is authentic only once
 *       the reader reached end of stream without an exception.</li>
 *   <li>No I/O besides the given streams, no logging; exceptions never carry key material.</li>
 * </ul>
 * Blocking: calls block on the given streams and do CPU work; never call them on an event loop.
 */
package org.hearthmail.seal;
