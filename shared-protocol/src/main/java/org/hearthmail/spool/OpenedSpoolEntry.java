package org.hearthmail.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * A spool entry opened with the mailstore's private key.
 *
 * @param entryId random id the relay gave the entry; the same entry sent twice (the relay crashed
 *                between the mailstore's 250 and its own removal) has the same id
 * @param meta    the sealed envelope and client facts
 * @param content the message content as the relay received it (CRLF lines, not dot-stuffed); it is
 *                authentic only once read to end without an exception, see
 *                {@link org.hearthmail.seal.SealedReader}
 */
public record OpenedSpoolEntry(UUID entryId, SpoolEntryMeta meta, InputStream content) implements Closeable {

    @Override
    public void close() throws IOException {
        content.close();
    }
}
