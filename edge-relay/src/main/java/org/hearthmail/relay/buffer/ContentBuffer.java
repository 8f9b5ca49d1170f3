package org.hearthmail.relay.buffer;

import io.netty.buffer.ByteBuf;
import io.netty.handler.stream.ChunkedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One message's content while the relay checks it: in memory while the message is at most
 * {@code memoryLimit} octets and the relay-wide {@link MemoryBudget} has room, otherwise in a
 * {@link SealedTempFile} (everything so far moves there at the first chunk that does not fit). Written
 * once, sequentially, by one thread at a time (the write that spills does disk work: not on an event
 * loop), then read, possibly more than once.
 */
public final class ContentBuffer implements AutoCloseable {

    /** Messages up to this size stay in memory when the budget allows (ADR 0004, amendment). */
    public static final int DEFAULT_MEMORY_LIMIT = 256 * 1024;

    private final TempDirectory tmp;
    private final MemoryBudget budget;
    private final int memoryLimit;
    /** The content while in memory, in arrival order; null once spilled to {@link #file}. */
    private List<byte[]> chunks = new ArrayList<>();
    private long reserved;
    private SealedTempFile file;
    private long size;
    /** The last two octets written, for {@link #endsWithCrlf}. */
    private int last = -1;
    private int beforeLast = -1;
    private boolean writing = true;
    private boolean closed;

    public ContentBuffer(TempDirectory tmp, MemoryBudget budget, int memoryLimit) {
        this.tmp = tmp;
        this.budget = budget;
        this.memoryLimit = memoryLimit;
    }

    /** Appends {@code b}, which the buffer keeps (the caller must not change it afterwards). */
    public void write(byte[] b) throws IOException {
        if (!writing || closed) {
            throw new IOException("message content is closed for writing");
        }
        if (b.length == 0) {
            return;
        }
        if (chunks != null && (size + b.length > memoryLimit || !budget.tryReserve(b.length))) {
            spill();
        }
        if (chunks != null) {
            chunks.add(b);
            reserved += b.length;
        } else {
            file.write(b, 0, b.length);
        }
        appended(b);
    }

    private void appended(byte[] b) {
        size += b.length;
        beforeLast = b.length > 1 ? b[b.length - 2] : last;
        last = b[b.length - 1];
    }

    /**
     * Appends {@code b} only if it stays in memory (within the message's limit and the relay-wide
     * budget): no disk work, so the caller may be an event loop. False, and nothing changed, otherwise.
     */
    public boolean writeInMemory(byte[] b) throws IOException {
        if (!writing || closed) {
            throw new IOException("message content is closed for writing");
        }
        if (chunks == null || size + b.length > memoryLimit || !budget.tryReserve(b.length)) {
            return false;
        }
        if (b.length > 0) {
            chunks.add(b);
            reserved += b.length;
            appended(b);
        }
        return true;
    }

    /** Moves what is in memory to an encrypted temp file; the rest follows it there. */
    private void spill() throws IOException {
        SealedTempFile f = tmp.newFile();
        try {
            for (byte[] c : chunks) {
                f.write(c, 0, c.length);
            }
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        file = f;
        chunks = null;
        budget.release(reserved);
        reserved = 0;
    }

    /** Ends writing; the content is readable from now on. */
    public void finishWriting() throws IOException {
        writing = false;
        if (file != null) {
            file.finishWriting();
        }
    }

    /** Octets written. */
    public long size() {
        return size;
    }

    /** True while the content is held in memory (it never went to a file). */
    public boolean inMemory() {
        return chunks != null;
    }

    /** The temp file, once the content went to disk. */
    public Optional<SealedTempFile> file() {
        return Optional.ofNullable(file);
    }

    /** RFC 5321 §2.3.8: whether the last line is terminated; true for no content at all. */
    public boolean endsWithCrlf() {
        return size == 0 || (beforeLast == '\r' && last == '\n');
    }

    /** The content as a stream (for the spool). The caller closes it. */
    public InputStream open() throws IOException {
        checkReadable();
        if (chunks == null) {
            return file.open();
        }
        List<InputStream> parts = new ArrayList<>(chunks.size());
        for (byte[] c : chunks) {
            parts.add(new ByteArrayInputStream(c));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /**
     * {@code prefix}, then the content, then CRLF if the content's last line is unterminated, in
     * chunks for a Netty channel: content held in memory is wrapped, not copied, and comes as one
     * chunk; a file is read and decrypted {@code chunkSize} octets at a time.
     */
    public ChunkedInput<ByteBuf> reader(byte[] prefix, int chunkSize) throws IOException {
        checkReadable();
        byte[] tail = endsWithCrlf() ? new byte[0] : new byte[] {'\r', '\n'};
        if (chunks == null) {
            return ContentReader.ofStream(prefix, file.open(), tail, chunkSize);
        }
        return ContentReader.ofMemory(prefix, List.copyOf(chunks), tail);
    }

    private void checkReadable() throws IOException {
        if (writing || closed) {
            throw new IOException("message content is not readable now");
        }
    }

    /** Frees the memory or deletes the file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (chunks != null) {
            chunks = null;
            budget.release(reserved);
            reserved = 0;
        }
        if (file != null) {
            file.close();
        }
    }
}
