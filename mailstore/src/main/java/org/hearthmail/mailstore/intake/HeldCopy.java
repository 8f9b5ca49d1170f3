package org.hearthmail.mailstore.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Passes a message body through to the store and keeps a copy of what passed, up to a limit, so
 * that the message can be parsed once it was read without reading it back from its (sealed) file.
 * Read by one thread.
 */
final class HeldCopy extends FilterInputStream {
    private final int limit;
    private byte[] held = new byte[16 * 1024];
    private int length;
    private boolean over;
    private final CompletableFuture<byte[]> ended = new CompletableFuture<>();

    HeldCopy(InputStream in, int limit) {
        super(in);
        this.limit = limit;
    }

    /** What passed, or null when it was longer than the limit. */
    byte[] copy() {
        return over ? null : Arrays.copyOf(held, length);
    }

    /** Completes with {@link #copy()} when a read reaches the end of the body (never when it fails first). */
    CompletableFuture<byte[]> ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
        } else {
            end();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            keep(b, off, n);
        } else if (n < 0) {
            end();
        }
        return n;
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a held copy cannot skip");
    }

    private void end() {
        if (!ended.isDone()) {
            ended.complete(copy());
        }
    }

    private void keep(byte[] b, int off, int n) {
        if (over) {
            return;
        }
        if (length + n > limit) {
            over = true;
            held = null;
            return;
        }
        if (length + n > held.length) {
            held = Arrays.copyOf(held, Math.min(limit, Math.max(held.length * 2, length + n)));
        }
        System.arraycopy(b, off, held, length, n);
        length += n;
    }
}
