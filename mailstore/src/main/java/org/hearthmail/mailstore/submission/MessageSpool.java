package org.hearthmail.mailstore.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A submitted message on disk while it is signed and sent: a 0600 file in the data directory's
 * {@code tmp/}, deleted when done. Not a queue: it never outlives its SMTP transaction.
 */
final class MessageSpool implements AutoCloseable {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;
    private OutputStream out;
    private long size;

    MessageSpool(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.file = POSIX
                ? Files.createTempFile(dir, "submission-", ".eml",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "submission-", ".eml");
        this.out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        size += len;
    }

    /** Ends writing; the content is then read with {@link #open()}. */
    void seal() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(MessageSpool.class).debug("closing spool {}: {}", file, e.toString());
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(MessageSpool.class).warn("cannot delete spool file {}: {}", file, e.toString());
        }
    }
}
