/**
 * Message content held on disk while the relay checks it, unreadable to anyone without the process's memory.
 *
 * <p>On-disk layout: {@code <data dir>/tmp/msg-<random>.tmp}, mode 0600 in a 0700 directory, one file
 * per message being received. Each file is AES-256-CTR ciphertext under a random key and IV that are
 * generated per message and held only in memory: a crash, a seized disk or a VPS snapshot leaves
 * remnants nobody can read. CTR gives no integrity, which is fine here: the only reader is the process
 * that wrote the file, within the same transaction.
 *
 * <p>Invariants: a file is deleted once its message was forwarded, refused or abandoned; leftovers
 * (after a crash) are swept when the relay starts; plaintext never reaches the disk.
 */
package org.hearthmail.relay.buffer;
