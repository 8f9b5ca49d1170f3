/**
 * Message content held while the relay checks it: in memory when small, else on disk unreadable to
 * anyone without the process's memory.
 *
 * <p>{@link org.hearthmail.relay.buffer.ContentBuffer}: a message of at most 256 KiB stays in the
 * process's memory (never on disk) as long as the relay-wide {@link
 * org.hearthmail.relay.buffer.MemoryBudget} has room; a larger one, or one arriving when the budget is
 * spent, goes to a {@link org.hearthmail.relay.buffer.SealedTempFile} (what was already in memory moves
 * there first). So memory for content is bounded by the budget however many messages arrive at once.
 *
 * <p>On-disk layout: {@code <data dir>/tmp/msg-<random>.tmp}, mode 0600 in a 0700 directory, one file
 * per message being received that went to disk. Each file is AES-256-CTR ciphertext under a random key
 * and IV that are generated per message and held only in memory: a crash, a seized disk or a VPS
 * snapshot leaves remnants nobody can read. CTR gives no integrity, which is fine here: the only reader
 * is the process that wrote the file, within the same transaction.
 *
 * <p>Invariants: a buffer is freed (its budget given back, its file deleted) once its message was
 * forwarded, refused or abandoned; leftover files (after a crash) are swept when the relay starts;
 * plaintext never reaches the disk; the budget's reservations never exceed its limit.
 */
package org.hearthmail.relay.buffer;
