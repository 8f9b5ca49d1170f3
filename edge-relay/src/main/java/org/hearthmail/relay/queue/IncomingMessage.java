package org.hearthmail.relay.queue;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A message being written into the queue. Not thread-safe: one writer at a time (the listener
 * serialises its writes). Blocking: call off the event loop.
 */
public final class IncomingMessage implements AutoCloseable {
    private final QueueStore store;
    private final String id;
    private final Path tmp;
    private final FileChannel channel;
    private long size;
    private boolean done;

    IncomingMessage(QueueStore store, String id, Path tmp) throws IOException {
        this.store = store;
        this.id = id;
        this.tmp = tmp;
        this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    public String id() {
        return id;
    }

    /** Appends the readable bytes of {@code chunk}; does not release it. */
    public void write(ByteBuf chunk) throws IOException {
        int n = chunk.readableBytes();
        int written = 0;
        while (written < n) {
            written += chunk.getBytes(chunk.readerIndex() + written, channel, size + written, n - written);
        }
        size += n;
    }

    public void write(byte[] data) throws IOException {
        var buf = java.nio.ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            size += channel.write(buf, size);
        }
    }

    /**
     * Makes the message durable: content fsynced and renamed into place, then the metadata (the commit
     * point). Returns only after both directory entries are on disk.
     */
    public QueuedMessage commit(QueuedMessage envelope) throws IOException {
        if (done) {
            throw new IllegalStateException("message " + id + " already committed or aborted");
        }
        done = true;
        QueuedMessage msg = envelope.withId(id).withSize(size);
        try {
            channel.force(true);
            channel.close();
            store.install(msg, tmp);
            return msg;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Discards what was written. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new QueueException("cannot remove the temporary file of aborted message " + id, e);
        }
    }

    @Override
    public void close() {
        abort();
    }
}
