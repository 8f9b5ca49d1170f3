package org.hearthmail.mailstore.store;

import java.time.Instant;
import java.util.Set;

/**
 * One message in one mailbox. {@code envelope} and {@code bodyStructure} are opaque caches owned
 * by the IMAP layer (null until it fills them); the store only keeps them, already unsealed.
 *
 * @param size RFC 3501 §2.3.4 RFC822.SIZE: octets of the message as delivered (before sealing)
 */
public record MessageMeta(long mailboxId, long uid, long modSeq, Set<String> flags, Instant internalDate,
                          long size, BlobId blob, String envelope, String bodyStructure) {
    public MessageMeta {
        flags = Flags.normalize(flags);
    }
}
