package org.hearthmail.mailstore.store.blob;

import java.nio.file.Path;
import org.hearthmail.mailstore.store.BlobId;

/**
 * A body written and fsynced under {@code tmp/}, not yet visible in {@code blobs/}.
 *
 * @param size octets of the plain message (what the user is charged, RFC822.SIZE)
 */
public record StagedBlob(BlobId id, Path tmpFile, long size) {
}
