/**
 * Message body files under {@code blobs/} of the data directory.
 *
 * <p>Owns: the files {@code blobs/xx/<32 hex>} (xx = first two hex digits, 256-way fan-out) and
 * {@code tmp/<32 hex>.tmp}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>A file under {@code blobs/} is complete and fsynced, and its directory entry is fsynced,
 *       before any transaction references it; files are never modified once referenced. (A file
 *       may be renamed into place before its fsync, {@link org.hearthmail.mailstore.store.blob.BlobStore#store}:
 *       until the fsyncs returned no row references it, so after a crash it is only garbage.)</li>
 *   <li>Files under {@code tmp/} belong to no committed delivery; the start-up sweep deletes them.</li>
 *   <li>A blob file no message row references is garbage; it is deleted after the expunging
 *       commit, or by the start-up sweep if the process died in between.</li>
 *   <li>Every byte passes through the {@link org.hearthmail.mailstore.store.Sealer}.</li>
 * </ul>
 */
package org.hearthmail.mailstore.store.blob;
