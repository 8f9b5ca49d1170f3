package org.hearthmail.mailstore.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The one seam every stored message byte and every cached parse result passes through, so that
 * per-user encryption at rest (DESIGN.md "Storage") can be switched on without touching storage
 * code. Today only {@link #identity()} exists.
 *
 * <p>Blobs are sealed per blob (one content key each, see ADR 0002), cached text per user.
 * Implementations must be thread-safe.
 */
public interface Sealer {

    /** Wraps the stream the plain message is written to; closing the result must not close {@code raw}'s sink early. */
    OutputStream sealing(BlobId blob, OutputStream raw) throws IOException;

    /** Wraps a stream of stored bytes so that reading it yields the plain message. */
    InputStream unsealing(BlobId blob, InputStream raw) throws IOException;

    /** Seals a cached parse result (envelope, body structure) of a message owned by {@code userId}. */
    String sealText(long userId, String plain);

    String unsealText(long userId, String sealed);

    /** Stores bytes and text as they are. */
    static Sealer identity() {
        return IdentitySealer.INSTANCE;
    }
}
