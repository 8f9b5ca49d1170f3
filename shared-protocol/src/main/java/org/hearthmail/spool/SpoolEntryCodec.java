package org.hearthmail.spool;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.seal.SealPublicKey;
import org.hearthmail.seal.SealedReader;
import org.hearthmail.seal.SealedWriter;

/**
 * The one format both ends agree on for a spooled inbound message: the relay writes it, the
 * mailstore reads it. The whole entry is one sealed stream ({@link org.hearthmail.seal}), so the
 * envelope and client facts are as unreadable to the relay as the content:
 * <pre>
 *   sealed( 0x01 (layout version) | entry id (16 bytes, UUID) | meta length (u32 BE) | meta | content )
 *   meta = MAIL FROM (sender, SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH, other params)
 *        | RCPT count | each (address, NOTIFY set, ORCPT)
 *        | XCLIENT arguments (one line, xtext, as XClientCommands encodes them)
 *        | arrival (epoch seconds i64, nanos i32) | Authentication-Results field
 *   strings are i32 length (-1 for none) + UTF-8; mailboxes a presence byte + local part + domain
 * </pre>
 */
public final class SpoolEntryCodec {
    private static final int LAYOUT_VERSION = 1;
    /** Generous for thousands of recipients; bounds what a reader allocates. */
    public static final int MAX_META_BYTES = 1024 * 1024;

    private SpoolEntryCodec() {
    }

    /**
     * Starts sealing an entry: writes the seal header, id and meta, and returns the writer for the
     * content. The caller writes the content and then {@link SealedWriter#finish()}es.
     *
     * @throws IllegalArgumentException when the encoded meta exceeds {@link #MAX_META_BYTES}
     */
    public static SealedWriter begin(OutputStream out, SealPublicKey key, UUID entryId, SpoolEntryMeta meta)
            throws IOException {
        byte[] encoded = MetaWriter.encode(meta);
        if (encoded.length > MAX_META_BYTES) {
            throw new IllegalArgumentException("spool entry meta is " + encoded.length + " bytes, over the "
                    + MAX_META_BYTES + "-byte limit");
        }
        SealedWriter w = SealedWriter.open(out, key);
        ByteBuffer prefix = ByteBuffer.allocate(1 + 16 + 4)
                .put((byte) LAYOUT_VERSION)
                .putLong(entryId.getMostSignificantBits())
                .putLong(entryId.getLeastSignificantBits())
                .putInt(encoded.length);
        w.write(prefix.array());
        w.write(encoded);
        return w;
    }

    /**
     * Opens an entry: reads and authenticates the header, id and meta; the content stream is
     * positioned at the first content byte.
     *
     * @throws org.hearthmail.seal.SealException for bytes that are not a sealed stream to this key
     *         or were altered
     * @throws SpoolFormatException when the authenticated payload is not a spool entry this code reads
     */
    public static OpenedSpoolEntry open(InputStream sealed, SealPrivateKey key) throws IOException {
        SealedReader reader = SealedReader.open(sealed, key);
        try {
            DataInputStream in = new DataInputStream(reader);
            int version = in.readUnsignedByte();
            if (version != LAYOUT_VERSION) {
                throw new SpoolFormatException("unsupported spool entry layout " + version + " (this build reads "
                        + LAYOUT_VERSION + ")");
            }
            UUID id = new UUID(in.readLong(), in.readLong());
            int length = in.readInt();
            if (length < 0 || length > MAX_META_BYTES) {
                throw new SpoolFormatException("spool entry meta length " + Integer.toUnsignedString(length)
                        + " is over the " + MAX_META_BYTES + "-byte limit");
            }
            byte[] meta = in.readNBytes(length);
            if (meta.length < length) {
                throw new SpoolFormatException("spool entry ends inside its meta block");
            }
            return new OpenedSpoolEntry(id, MetaReader.decode(meta), reader);
        } catch (EOFException e) {
            reader.close();
            throw new SpoolFormatException("spool entry ends before its meta block");
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
