package org.hearthmail.mailstore.store;

import java.util.Set;

/**
 * Receives message rows as primitives, in ascending UID order ({@link MessageStore#rows}): what an
 * in-memory mailbox index keeps, with no parse caches and no object per row but the body id.
 */
@FunctionalInterface
public interface MessageRowSink {
    /**
     * @param flags as stored ({@link Flags#decode}): immutable, shared between rows with the same flags
     * @param internalDate milliseconds since the epoch (RFC 3501 §2.3.3 INTERNALDATE)
     * @param size RFC 3501 §2.3.4 RFC822.SIZE
     * @param blob the message's body file
     */
    void accept(long uid, long modSeq, Set<String> flags, long internalDate, long size, BlobId blob);
}
