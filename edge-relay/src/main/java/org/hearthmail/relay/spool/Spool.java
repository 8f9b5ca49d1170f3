package org.hearthmail.relay.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearthmail.seal.SealPublicKey;
import org.hearthmail.spool.SpoolEntryMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's durable FIFO of sealed inbound messages, one directory, one owner process.
 * Every method blocks on the disk: call it from an executor, never from an event loop.
 */
public final class Spool implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    /** Held back at {@link #begin} for the seal header, meta block and tag of even an empty message. */
    static final long MIN_ENTRY_BYTES = 4096;

    private final Path dir;
    private final long maxBytes;
    private final SealPublicKey publicKey;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, SpoolEntry> entries = new TreeMap<>();
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
    private long nextSequence;
    private long lastRemovedSequence;
    private long committedBytes;
    private long inProgressBytes;
    private boolean closed;

    private Spool(Path dir, long maxBytes, SealPublicKey publicKey, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.publicKey = publicKey;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the spool in {@code dir}: takes the directory lock, deletes
     * leftover temporary files of writers that never committed, and lists the committed entries.
     *
     * @param maxBytes  the most disk the committed and in-progress entries may take together
     * @param publicKey the mailstore's sealing key
     * @throws SpoolLockedException when the directory is already open
     */
    public static Spool open(Path dir, long maxBytes, SealPublicKey publicKey) throws IOException {
        Objects.requireNonNull(publicKey, "publicKey");
        if (maxBytes < MIN_ENTRY_BYTES) {
            throw new IllegalArgumentException("spool size limit must be at least " + MIN_ENTRY_BYTES + " bytes");
        }
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(SpoolFiles.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new SpoolLockedException("spool directory " + dir + " is in use by another process");
        }
        Spool spool = new Spool(dir, maxBytes, publicKey, lockChannel, lock);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    private void recover() throws IOException {
        long highest = readLastSequence();
        lastRemovedSequence = highest;
        int swept = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                Optional<SpoolFiles.EntryName> entry = SpoolFiles.parseEntry(name);
                if (entry.isPresent()) {
                    long size = Files.size(p);
                    entries.put(entry.get().sequence(), new SpoolEntry(this, p, entry.get(), size));
                    committedBytes += size;
                    highest = Math.max(highest, entry.get().sequence());
                } else if (SpoolFiles.isTemp(name)) {
                    // An uncommitted write from before a crash: never acknowledged, so dropping it loses nothing.
                    Files.deleteIfExists(p);
                    swept++;
                } else if (!name.equals(SpoolFiles.LOCK) && !name.equals(SpoolFiles.LAST_SEQUENCE)) {
                    LOG.warn("Ignoring unexpected file {} in the spool directory", name);
                }
            }
        }
        if (swept > 0) {
            SpoolFiles.syncDirectory(dir);
            LOG.info("Swept {} unfinished spool file(s) left by an earlier run", swept);
        }
        nextSequence = highest + 1;
    }

    private long readLastSequence() throws IOException {
        try {
            String text = Files.readString(dir.resolve(SpoolFiles.LAST_SEQUENCE), StandardCharsets.US_ASCII).strip();
            return Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IOException("spool file " + dir.resolve(SpoolFiles.LAST_SEQUENCE)
                    + " does not hold a sequence number");
        }
    }

    /**
     * Starts a new entry. The envelope and client facts in {@code meta} are sealed with the content.
     *
     * @throws SpoolFullException when committed and in-progress bytes, plus the message's declared
     *         SIZE (RFC 1870) if any, would exceed the limit; the relay answers 452 4.3.1
     */
    public SpoolWriter begin(SpoolEntryMeta meta) throws IOException {
        long declared = Math.max(0, meta.envelope().mailFrom().size());
        synchronized (this) {
            checkOpen();
            long needed = MIN_ENTRY_BYTES + declared;
            if (committedBytes + inProgressBytes + needed > maxBytes) {
                throw new SpoolFullException("spool full: " + (committedBytes + inProgressBytes) + " of " + maxBytes
                        + " bytes in use, " + needed + " more needed");
            }
        }
        return SpoolWriter.create(this, dir.resolve(SpoolFiles.tempName()), publicKey, meta);
    }

    /** The committed entries, oldest first. */
    public synchronized List<SpoolEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** The oldest committed entry, the next to drain. */
    public synchronized Optional<SpoolEntry> head() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.firstEntry().getValue());
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Bytes taken by committed entries. */
    public synchronized long committedBytes() {
        return committedBytes;
    }

    /** Bytes written so far by writers that have not committed or aborted. */
    public synchronized long inProgressBytes() {
        return inProgressBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Runs {@code listener} (on the committing thread) after every commit, e.g. to wake a drainer. */
    public void addCommitListener(Runnable listener) {
        commitListeners.add(Objects.requireNonNull(listener));
    }

    public void removeCommitListener(Runnable listener) {
        commitListeners.remove(listener);
    }

    /** Releases the directory lock. Entries stay on disk; open writers can no longer commit. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    // ---- called by SpoolWriter and SpoolEntry ----

    /** Accounts for {@code n} more bytes an in-progress writer is about to write. */
    synchronized void reserve(long n) throws SpoolFullException {
        if (committedBytes + inProgressBytes + n > maxBytes) {
            throw new SpoolFullException("spool full: writing " + n + " more bytes would exceed the " + maxBytes
                    + "-byte limit");
        }
        inProgressBytes += n;
    }

    synchronized void release(long written) {
        inProgressBytes -= written;
    }

    /** Moves a finished, fsynced temp file into the queue; returns the entry (directory not yet synced). */
    synchronized SpoolEntry publish(Path temp, long written, SpoolFiles.EntryName unnumbered) throws IOException {
        checkOpen();
        SpoolFiles.EntryName name = new SpoolFiles.EntryName(nextSequence, unnumbered.arrival());
        Path target = dir.resolve(name.fileName());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        nextSequence++;
        inProgressBytes -= written;
        committedBytes += written;
        SpoolEntry entry = new SpoolEntry(this, target, name, written);
        entries.put(name.sequence(), entry);
        return entry;
    }

    void committed(SpoolEntry entry) throws IOException {
        SpoolFiles.syncDirectory(dir);
        for (Runnable l : commitListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.error("Spool commit listener failed after entry {}", entry.sequence(), e);
            }
        }
    }

    synchronized void remove(SpoolEntry entry) throws IOException {
        if (entries.get(entry.sequence()) != entry) {
            return;
        }
        // Record the highest sequence ever used before the file goes, so numbering continues after a
        // restart even when the spool is empty.
        if (entry.sequence() > lastRemovedSequence) {
            Path tmp = dir.resolve(SpoolFiles.LAST_SEQUENCE_TMP);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.US_ASCII.encode(Long.toString(entry.sequence())));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(SpoolFiles.LAST_SEQUENCE), StandardCopyOption.ATOMIC_MOVE);
            lastRemovedSequence = entry.sequence();
        }
        Files.deleteIfExists(entry.path());
        SpoolFiles.syncDirectory(dir);
        entries.remove(entry.sequence());
        committedBytes -= entry.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("spool is closed");
        }
    }
}
