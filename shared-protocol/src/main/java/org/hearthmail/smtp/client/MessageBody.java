package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBuf;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Message content (header and body, RFC 5322 form, lines ending CRLF) to be sent with DATA or
 * BDAT. It is read in chunks while sending and never held whole in memory by the client.
 *
 * <p>Reading happens on the connection's event loop. File and in-memory sources are fine there;
 * a stream that can block for long (a socket) should be handed over as a {@link ChunkedInput}
 * that returns null while it has no data and resumes the transfer when it has.
 */
@FunctionalInterface
public interface MessageBody {

    /** Opens the content for one transmission. */
    ChunkedInput<ByteBuf> open(int chunkSize) throws IOException;

    static MessageBody of(byte[] content) {
        Objects.requireNonNull(content, "content");
        return chunkSize -> new ChunkedStream(new ByteArrayInputStream(content), chunkSize);
    }

    static MessageBody of(Path file) {
        Objects.requireNonNull(file, "file");
        return chunkSize -> new ChunkedNioFile(FileChannel.open(file, StandardOpenOption.READ), chunkSize);
    }

    /** A stream readable once; the client closes it after sending. */
    static MessageBody of(InputStream in) {
        Objects.requireNonNull(in, "in");
        AtomicBoolean used = new AtomicBoolean();
        return chunkSize -> {
            if (!used.compareAndSet(false, true)) {
                throw new IOException("this message body stream was already sent once");
            }
            return new ChunkedStream(in, chunkSize);
        };
    }

    /** A ready chunk source (a stream of ByteBufs); used once. */
    static MessageBody ofChunks(ChunkedInput<ByteBuf> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        AtomicBoolean used = new AtomicBoolean();
        return chunkSize -> {
            if (!used.compareAndSet(false, true)) {
                throw new IOException("this chunk source was already sent once");
            }
            return chunks;
        };
    }
}
