package org.hearthmail.mailstore.store.blob;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.Sealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message body files. A body is streamed to {@code tmp/<id>.tmp}, fsynced, renamed to
 * {@code blobs/<first two hex digits>/<id>} and the directory fsynced; only then may a
 * transaction reference it. Deletions are held back while a backup copies files.
 * Every byte goes through the {@link Sealer}. Thread-safe.
 */
public final class BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);
    private static final int BUFFER = 64 * 1024;

    private final Path blobs;
    private final Path tmp;
    private final Sealer sealer;
    private final Object pinLock = new Object();
    private int pins;
    private final List<BlobId> deferredDeletes = new ArrayList<>();

    public BlobStore(Path blobs, Path tmp, Sealer sealer) {
        this.blobs = blobs;
        this.tmp = tmp;
        this.sealer = sealer;
    }

    /** Streams {@code body} to a new temporary file and fsyncs it. On failure nothing is left behind. */
    public StagedBlob stage(InputStream body) throws IOException {
        BlobId id = BlobId.random();
        Path file = tmp.resolve(id.hex() + ".tmp");
        boolean done = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = write(id, body, ch);
            ch.force(true);
            done = true;
            return new StagedBlob(id, file, size);
        } finally {
            if (!done) {
                deleteQuietly(file);
            }
        }
    }

    /**
     * Moves a staged file into {@code blobs/} atomically and makes the rename durable
     * (fsync of the target directory, and of {@code blobs/} when a fan-out directory was created).
     */
    public BlobId commit(StagedBlob staged) throws IOException {
        Path target = path(staged.id());
        moveIntoPlace(staged.tmpFile(), target);
        fsyncDirectory(target.getParent());
        return staged.id();
    }

    /**
     * Streams {@code body} into a new blob and makes it durable: when this returns, a transaction
     * may reference it. Written under {@code tmp/}, renamed into {@code blobs/}, and only then are
     * the file and its directory fsynced. Same guarantee as {@link #stage} then {@link #commit},
     * one journal commit fewer on ext4: the rename is already in the journal transaction that the
     * file's fsync commits, so the directory's fsync finds nothing left to write. That the name may
     * appear in {@code blobs/} before the content is on disk is harmless: no row references the
     * file until this returned, and the start-up sweep deletes what no row references. On failure
     * nothing is left behind.
     *
     * @return the blob, with {@code tmpFile} naming where it was staged (gone now)
     */
    public StagedBlob store(InputStream body) throws IOException {
        BlobId id = BlobId.random();
        Path file = tmp.resolve(id.hex() + ".tmp");
        Path target = path(id);
        Path written = null;
        boolean done = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            written = file;
            long size = write(id, body, ch);
            moveIntoPlace(file, target);
            written = target;
            ch.force(true);
            fsyncDirectory(target.getParent());
            done = true;
            return new StagedBlob(id, file, size);
        } finally {
            if (!done && written != null) {
                deleteQuietly(written);
            }
        }
    }

    /** Writes the sealed body to {@code ch} (left open, not forced); returns the plain size. */
    private long write(BlobId id, InputStream body, FileChannel ch) throws IOException {
        CountingStream counter;
        // The sealer sees a sink whose close() only flushes, so the channel stays open for force().
        try (OutputStream sealed = sealer.sealing(id, new KeepOpen(new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER)))) {
            counter = new CountingStream(sealed);
            body.transferTo(counter);
        }
        return counter.count;
    }

    /** Renames {@code from} to {@code target}, creating (durably) the fan-out directory if needed. */
    private void moveIntoPlace(Path from, Path target) throws IOException {
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            fsyncDirectory(blobs);
        }
        Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
        // No fsync of tmp/: should the old name ever come back after a crash, it is one more link to
        // the same file, and the start-up sweep of tmp/ removes that link, never the blob.
    }

    /** Removes a staged file that will not be committed. */
    public void discard(StagedBlob staged) {
        deleteQuietly(staged.tmpFile());
    }

    public InputStream open(BlobId id) throws IOException {
        return sealer.unsealing(id, Files.newInputStream(path(id)));
    }

    /**
     * The plain bytes of a body stored in at most {@code maxStored} bytes, only if all of them are in
     * the page cache (read without waiting for the disk, {@link PageCacheRead}); null otherwise, and
     * then {@link #open} is the way to read it.
     */
    public byte[] readIfCached(BlobId id, int maxStored) throws IOException {
        byte[] stored = PageCacheRead.read(path(id), maxStored);
        if (stored == null) {
            return null;
        }
        try (InputStream in = sealer.unsealing(id, new java.io.ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    public boolean exists(BlobId id) {
        return Files.isRegularFile(path(id));
    }

    /** Copies the stored (sealed) bytes of a blob to {@code dest}, for backups. */
    public void copyStored(BlobId id, Path dest) throws IOException {
        Files.copy(path(id), dest, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes a blob no transaction references any more; deferred while a backup holds a pin. */
    public void delete(BlobId id) {
        synchronized (pinLock) {
            if (pins > 0) {
                deferredDeletes.add(id);
                return;
            }
        }
        deleteQuietly(path(id));
    }

    /** Holds back deletions until the returned handle is closed (for consistent backups). */
    public AutoCloseable pinDeletes() {
        synchronized (pinLock) {
            pins++;
        }
        return () -> {
            List<BlobId> now = new ArrayList<>();
            synchronized (pinLock) {
                pins--;
                if (pins == 0) {
                    now.addAll(deferredDeletes);
                    deferredDeletes.clear();
                }
            }
            now.forEach(id -> deleteQuietly(path(id)));
        };
    }

    /** Every blob file present under {@code blobs/}. */
    public Set<BlobId> list() throws IOException {
        Set<BlobId> out = new HashSet<>();
        if (!Files.isDirectory(blobs)) {
            return out;
        }
        try (DirectoryStream<Path> fanout = Files.newDirectoryStream(blobs)) {
            for (Path d : fanout) {
                if (!Files.isDirectory(d)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (BlobId.isValid(name)) {
                            out.add(new BlobId(name));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Start-up sweep: deletes everything in {@code tmp/} (bodies of deliveries that never
     * committed) and every blob {@code referenced} rejects. Must run before any delivery starts.
     *
     * @return number of files deleted
     */
    public int sweep(Predicate<BlobId> referenced) throws IOException {
        int n = 0;
        if (Files.isDirectory(tmp)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
                for (Path f : files) {
                    if (Files.isRegularFile(f)) {
                        Files.deleteIfExists(f);
                        n++;
                    }
                }
            }
        }
        for (BlobId id : list()) {
            if (!referenced.test(id)) {
                Files.deleteIfExists(path(id));
                n++;
            }
        }
        if (n > 0) {
            LOG.info("swept {} orphan message file(s)", n);
        }
        return n;
    }

    public Path path(BlobId id) {
        return blobs.resolve(id.hex().substring(0, 2)).resolve(id.hex());
    }

    /** Makes a rename or creation inside {@code dir} durable (POSIX: fsync the directory). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
            // gone already: the goal is reached
        } catch (IOException e) {
            // The start-up sweep removes it later; say so rather than fail the caller.
            LOG.warn("could not delete {} now, the start-up sweep will: {}", p.getFileName(), e.toString());
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Passes writes through; close() flushes but leaves the underlying channel open. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
