package org.hearthmail.relay.spool;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;
import org.hearthmail.seal.SealPublicKey;
import org.hearthmail.seal.SealedWriter;
import org.hearthmail.spool.SpoolEntryCodec;
import org.hearthmail.spool.SpoolEntryMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message being spooled: content goes through {@link #content()} into a sealed temporary
 * file; {@link #commit()} makes it a durable queue entry. Closing without committing aborts.
 * Blocks on the disk; one thread at a time.
 */
public final class SpoolWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolWriter.class);

    private enum State { OPEN, COMMITTED, ABORTED }

    private final Spool spool;
    private final Path temp;
    private final FileChannel channel;
    private final SpoolEntryMeta meta;
    private final Counting counting;
    private SealedWriter sealed;
    private final OutputStream content = new Content();
    private State state = State.OPEN;

    private SpoolWriter(Spool spool, Path temp, FileChannel channel, SpoolEntryMeta meta) {
        this.spool = spool;
        this.temp = temp;
        this.channel = channel;
        this.meta = meta;
        this.counting = new Counting(Channels.newOutputStream(channel));
    }

    static SpoolWriter create(Spool spool, Path temp, SealPublicKey key, SpoolEntryMeta meta) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SpoolWriter w = new SpoolWriter(spool, temp, channel, meta);
        try {
            w.sealed = SpoolEntryCodec.begin(w.counting, key, UUID.randomUUID(), meta);
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        }
        return w;
    }

    /**
     * The message content, exactly as the mailstore should receive it. Its {@code close()} does
     * nothing; finish with {@link #commit()} or {@link #abort()}.
     *
     * @see SpoolFullException thrown by writes that would pass the spool's limit
     */
    public OutputStream content() {
        return content;
    }

    /** Bytes written to disk so far (sealed, so a little more than the content). */
    public long bytesWritten() {
        return counting.written;
    }

    /**
     * Seals the last segment, fsyncs the file, renames it into the queue and fsyncs the directory.
     * Returns only when the entry survives a crash: then, and only then, the relay may answer 250.
     * On failure before the rename the entry is absent (temp deleted); if only the final directory
     * fsync fails the entry may survive, so a retried message could be delivered twice, never lost.
     */
    public SpoolEntry commit() throws IOException {
        if (state != State.OPEN) {
            throw new IllegalStateException("spool writer already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        SpoolEntry entry;
        try {
            sealed.finish();
            channel.force(true);
            channel.close();
            entry = spool.publish(temp, counting.written, new SpoolFiles.EntryName(0, meta.arrival()));
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        state = State.COMMITTED;
        spool.committed(entry);
        return entry;
    }

    /** Drops the message: deletes the temporary file and gives its bytes back. Idempotent. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing an aborted spool file failed: {}", e.getMessage());
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Spool.open sweeps it at next start; its bytes are released now regardless.
            LOG.warn("Deleting an aborted spool file failed, it will be swept at next start: {}", e.getMessage());
        }
        spool.release(counting.written);
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    /** Counts (and reserves against the spool limit) every byte before it reaches the file. */
    private final class Counting extends OutputStream {
        private final OutputStream out;
        long written;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            spool.reserve(len);
            written += len;
            out.write(b, off, len);
        }
    }

    private final class Content extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            checkWritable();
            sealed.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            checkWritable();
            sealed.write(b, off, len);
        }

        private void checkWritable() {
            if (state != State.OPEN) {
                throw new IllegalStateException("spool writer already " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
