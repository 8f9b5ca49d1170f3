package org.hearthmail.relay.queue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk outbound queue; see the package comment for the layout and the crash rules. Safe for
 * use by several threads and by several processes at once (the relay and the {@code queue} CLI):
 * every read-modify-write holds a JVM lock and an advisory {@code lock} file lock.
 */
public final class QueueStore {
    private static final Logger LOG = LoggerFactory.getLogger(QueueStore.class);
    private static final Pattern ID = Pattern.compile("[0-9a-z]{1,16}-[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Path msgDir;
    private final Path metaDir;
    private final Path tmpDir;
    private final Path lockFile;
    private final ReentrantLock jvmLock = new ReentrantLock();
    private volatile Runnable onCommit = () -> { };
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private QueueStore(Path dir) {
        this.dir = dir;
        this.msgDir = dir.resolve("msg");
        this.metaDir = dir.resolve("meta");
        this.tmpDir = dir.resolve("tmp");
        this.lockFile = dir.resolve("lock");
    }

    /** Opens (creating if needed) the queue in {@code dir}, without touching its contents. */
    public static QueueStore open(Path dir) {
        QueueStore q = new QueueStore(dir);
        try {
            Files.createDirectories(q.msgDir);
            Files.createDirectories(q.metaDir);
            Files.createDirectories(q.tmpDir);
            if (!Files.exists(q.lockFile)) {
                Files.write(q.lockFile, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw new QueueException("cannot open the queue directory " + dir + ": " + e.getMessage(), e);
        }
        return q;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Start-up sweep, for the relay process only (never while a listener writes): removes temporary
     * files and content files without metadata (a crash before the commit point; such a message was
     * never acknowledged). Returns how many files were removed.
     */
    public int recover() {
        int removed = 0;
        try {
            for (Path p : list(tmpDir)) {
                Files.deleteIfExists(p);
                removed++;
            }
            for (Path p : list(msgDir)) {
                String id = stem(p);
                if (!Files.exists(metaPath(id))) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
            DurableFiles.syncDirectory(msgDir);
        } catch (IOException e) {
            throw new QueueException("queue recovery in " + dir + " failed: " + e.getMessage(), e);
        }
        if (removed > 0) {
            LOG.info("queue recovery removed {} unacknowledged file(s)", removed);
        }
        return removed;
    }

    /** Starts writing a new message; nothing is visible in the queue until {@link IncomingMessage#commit}. */
    public IncomingMessage begin() {
        String id = newId();
        try {
            return new IncomingMessage(this, id, tmpDir.resolve(id + ".eml"));
        } catch (IOException e) {
            throw new QueueException("cannot create a queue file in " + tmpDir + ": " + e.getMessage(), e);
        }
    }

    /** Queues a message whose content is already in memory (delivery status notifications). */
    public QueuedMessage enqueue(QueuedMessage envelope, byte[] content) {
        IncomingMessage in = begin();
        try {
            in.write(content);
            return in.commit(envelope);
        } catch (IOException e) {
            in.abort();
            throw new QueueException("cannot queue message: " + e.getMessage(), e);
        }
    }

    /** Runs {@code r} after each message is committed (the scheduler's wake-up), on the committing thread. */
    public void onCommit(Runnable r) {
        onCommit = java.util.Objects.requireNonNull(r, "r");
    }

    /** Content first, then metadata: the metadata rename is the commit point. */
    void install(QueuedMessage msg, Path contentTmp) throws IOException {
        DurableFiles.move(contentTmp, contentPath(msg.id()));
        DurableFiles.replace(tmpDir.resolve(msg.id() + ".json"), metaPath(msg.id()), json.writeValueAsBytes(msg));
        onCommit.run();
    }

    /** All queued messages, oldest first. Reads without locking: renames are atomic. */
    public List<QueuedMessage> list() {
        List<QueuedMessage> out = new ArrayList<>();
        try {
            for (Path p : list(metaDir)) {
                read(stem(p)).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new QueueException("cannot list the queue in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(QueuedMessage::receivedMillis).thenComparing(QueuedMessage::id));
        return out;
    }

    public Optional<QueuedMessage> find(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return read(id);
    }

    /** The content file of a queued message. */
    public Path contentPath(String id) {
        return msgDir.resolve(id + ".eml");
    }

    /**
     * Atomically replaces a message's metadata with {@code f} applied to it; a result that is
     * {@linkplain QueuedMessage#finished() finished} removes the message instead. Empty when the message
     * is no longer queued (delivered meanwhile, or deleted by an operator).
     */
    public Optional<QueuedMessage> update(String id, UnaryOperator<QueuedMessage> f) {
        return locked(() -> {
            Optional<QueuedMessage> cur = find(id);
            if (cur.isEmpty()) {
                return Optional.empty();
            }
            QueuedMessage next = f.apply(cur.get());
            if (!next.id().equals(id)) {
                throw new IllegalArgumentException("an update must keep the id");
            }
            if (next.finished()) {
                // Nothing left to do for it: removing the metadata records that (one fsync instead of
                // writing a final state and then removing it).
                remove(id);
            } else {
                DurableFiles.replace(tmpDir.resolve(id + ".json.upd"), metaPath(id), json.writeValueAsBytes(next));
            }
            return Optional.of(next);
        });
    }

    /** Removes a message: metadata first (after that it is gone), then its content. */
    public boolean delete(String id) {
        return locked(() -> {
            if (find(id).isEmpty()) {
                return false;
            }
            remove(id);
            return true;
        });
    }

    /**
     * The metadata unlink is made durable (after it the message is gone); the content's is not: content
     * left behind by a crash has no metadata and the start-up sweep ({@link #recover()}) removes it.
     */
    private void remove(String id) throws IOException {
        DurableFiles.deleteDurably(metaPath(id));
        Files.deleteIfExists(contentPath(id));
    }

    private Optional<QueuedMessage> read(String id) {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(metaPath(id)), QueuedMessage.class));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new QueueException("unreadable queue metadata " + metaPath(id) + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private <T> T locked(IoSupplier<T> action) {
        jvmLock.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new QueueException("queue update in " + dir + " failed: " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private Path metaPath(String id) {
        return metaDir.resolve(id + ".json");
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static List<Path> list(Path d) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            s.forEach(out::add);
        }
        return out;
    }

    /** Time-ordered and unguessable: base-36 millis, then 64 random bits. */
    private static String newId() {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return Long.toString(System.currentTimeMillis(), 36) + "-" + HexFormat.of().formatHex(r);
    }
}
