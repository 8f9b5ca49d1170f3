package org.hearthmail.relay.rcptcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.rcptcache.RecipientCacheFormatException;
import org.hearthmail.rcptcache.RecipientHasher;
import org.hearthmail.smtp.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's copy of the recipient cache: loaded from its file at start, replaced atomically
 * (in memory and on disk) when the mailstore pushes a newer generation. Lookups are lock-free
 * and safe from any thread; {@link #open} and {@link #replace} block on the disk.
 *
 * <p>The cache's age is the time since the mailstore last confirmed it (a push, or the file's
 * modification time after a restart). Older than {@code maxAge}, it is stale and answers like a
 * missing one: the relay cannot tell whether a user was added or removed since.
 */
public final class RecipientCacheStore {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientCacheStore.class);
    /** The mailstore pushes at least hourly while it runs; a week without one means it is gone for long. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    /** What the cache says about one recipient. */
    public enum Answer {
        DELIVERABLE,
        UNKNOWN,
        /** No cache, or a stale one: the relay cannot tell (450 4.4.3). */
        CANNOT_TELL
    }

    /** What a push did. */
    public sealed interface Outcome {
        /** A newer generation is now in force. */
        record Installed(long generation, int entries) implements Outcome { }

        /** The generation in force, pushed again with the same bytes: confirmed (age reset). */
        record Confirmed(long generation) implements Outcome { }

        /** Not newer than the generation in force: nothing changed. */
        record Outdated(long installed) implements Outcome { }
    }

    private final Path file;
    private final byte[] salt;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Held held;
    private volatile boolean warnedStale;

    /** The cache in force, its file bytes and when the mailstore last confirmed it. */
    private record Held(RecipientCache cache, byte[] bytes, Instant confirmed) { }

    private RecipientCacheStore(Path file, byte[] salt, Clock clock, Duration maxAge, Held held) {
        this.file = file;
        this.salt = salt;
        this.clock = clock;
        this.maxAge = maxAge;
        this.held = held;
    }

    public static RecipientCacheStore open(Path file, byte[] salt) throws IOException {
        return open(file, salt, Clock.systemUTC(), DEFAULT_MAX_AGE);
    }

    /**
     * Loads the cache file if there is one. A missing file is normal (nothing pushed yet). A
     * damaged one is logged as an error and moved aside to {@code <file>.bad}; the relay then runs
     * as if none had been pushed (450 4.4.3 while spooling) until the mailstore pushes again.
     *
     * @throws IOException when the file cannot be read or moved aside
     */
    public static RecipientCacheStore open(Path file, byte[] salt, Clock clock, Duration maxAge) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] saltCopy = salt.clone();
        new RecipientHasher(saltCopy); // validates the salt length now, not at first push
        Files.deleteIfExists(temp(file));
        Held loaded = null;
        try {
            byte[] bytes = Files.readAllBytes(file);
            RecipientCache cache = RecipientCacheCodec.decode(bytes, saltCopy);
            loaded = new Held(cache, bytes, Files.getLastModifiedTime(file).toInstant());
        } catch (NoSuchFileException e) {
            LOG.info("No recipient cache yet: the mailstore has not pushed one; while spooling, RCPTs get 450 4.4.3");
        } catch (RecipientCacheFormatException e) {
            Path bad = file.resolveSibling(file.getFileName() + ".bad");
            Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            LOG.error("Recipient cache {} unusable ({}); moved to {}. Until the mailstore pushes a new one, RCPTs get "
                    + "450 4.4.3 while spooling", file, e.getMessage(), bad.getFileName());
        }
        RecipientCacheStore store = new RecipientCacheStore(file, saltCopy, clock, maxAge, loaded);
        if (loaded != null) {
            LOG.info("Recipient cache loaded: {}", store.describe());
        }
        return store;
    }

    /** True while no cache has been received: the relay must then temp-fail RCPTs it cannot check. */
    public boolean missing() {
        return held == null;
    }

    /** True when there is a cache and it is older than the maximum age. */
    public boolean stale() {
        Held h = held;
        return h != null && age(h).compareTo(maxAge) > 0;
    }

    /** Whether the mailstore would accept the address; false when {@link #missing()}. */
    public boolean contains(Mailbox address) {
        Held h = held;
        return h != null && h.cache().contains(address);
    }

    /** The verdict for an RCPT while the mailstore cannot be asked. */
    public Answer answer(Mailbox address) {
        Held h = held;
        if (h == null) {
            return Answer.CANNOT_TELL;
        }
        if (age(h).compareTo(maxAge) > 0) {
            if (!warnedStale) {
                warnedStale = true;
                LOG.warn("Recipient cache is stale ({}); RCPTs get 450 4.4.3 while spooling until the mailstore pushes",
                        describe());
            }
            return Answer.CANNOT_TELL;
        }
        return h.cache().contains(address) ? Answer.DELIVERABLE : Answer.UNKNOWN;
    }

    public Optional<RecipientCache> current() {
        Held h = held;
        return h == null ? Optional.empty() : Optional.of(h.cache());
    }

    /** Time since the mailstore last confirmed the cache in force. */
    public Optional<Duration> age() {
        Held h = held;
        return h == null ? Optional.empty() : Optional.of(age(h));
    }

    /** For logs: generation, entry count and age; never an address. */
    public String describe() {
        Held h = held;
        if (h == null) {
            return "no recipient cache";
        }
        return "generation " + h.cache().generation() + ", " + h.cache().size() + " entries, age " + format(age(h));
    }

    /**
     * Installs a pushed cache: checks it (format, salt, generation), writes it durably (temp,
     * fsync, rename, fsync directory), then switches lookups to it.
     *
     * @throws RecipientCacheFormatException when the pushed bytes are not a valid cache for this salt;
     *                                       the cache in force stays
     */
    public synchronized Outcome replace(byte[] pushed) throws IOException {
        RecipientCache incoming = RecipientCacheCodec.decode(pushed, salt);
        Held old = held;
        Instant now = clock.instant();
        if (old != null && incoming.generation() == old.cache().generation() && Arrays.equals(pushed, old.bytes())) {
            Files.setLastModifiedTime(file, FileTime.from(now));
            held = new Held(old.cache(), old.bytes(), now);
            warnedStale = false;
            return new Outcome.Confirmed(old.cache().generation());
        }
        if (old != null && incoming.generation() <= old.cache().generation()) {
            LOG.warn("Ignoring recipient cache generation {}: already at {}", incoming.generation(), old.cache().generation());
            return new Outcome.Outdated(old.cache().generation());
        }
        Path tmp = temp(file);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(pushed);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        held = new Held(incoming, pushed.clone(), now);
        warnedStale = false;
        LOG.info("Recipient cache now at {}", describe());
        return new Outcome.Installed(incoming.generation(), incoming.size());
    }

    private Duration age(Held h) {
        Duration d = Duration.between(h.confirmed(), clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        if (s < 2 * 3600) {
            return (s / 60) + "m";
        }
        if (s < 2 * 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }

    private static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }
}
