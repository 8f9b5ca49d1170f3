package org.hearthmail.relay.rcptcache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 */
public final class RecipientCacheStore {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientCacheStore.class);

    private final Path file;
    private final byte[] salt;
    private volatile RecipientCache current;

    private RecipientCacheStore(Path file, byte[] salt, RecipientCache current) {
        this.file = file;
        this.salt = salt;
        this.current = current;
    }

    /**
     * Loads the cache file if there is one. A missing file is normal (nothing pushed yet); a
     * damaged one is an error, not silently treated as missing.
     *
     * @throws RecipientCacheFormatException when the file exists but cannot be used
     */
    public static RecipientCacheStore open(Path file, byte[] salt) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] saltCopy = salt.clone();
        new RecipientHasher(saltCopy); // validates the salt length now, not at first push
        Files.deleteIfExists(temp(file));
        RecipientCache loaded = null;
        try {
            loaded = RecipientCacheCodec.decode(Files.readAllBytes(file), saltCopy);
        } catch (NoSuchFileException e) {
            LOG.info("No recipient cache yet: the mailstore has not pushed one");
        } catch (RecipientCacheFormatException e) {
            throw new RecipientCacheFormatException(file + ": " + e.getMessage());
        }
        return new RecipientCacheStore(file, saltCopy, loaded);
    }

    /** True while no cache has been received: the relay must then temp-fail RCPTs it cannot check. */
    public boolean missing() {
        return current == null;
    }

    /** Whether the mailstore would accept the address; false when {@link #missing()}. */
    public boolean contains(Mailbox address) {
        RecipientCache c = current;
        return c != null && c.contains(address);
    }

    public Optional<RecipientCache> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Installs a pushed cache: checks it (format, salt, generation), writes it durably (temp,
     * fsync, rename, fsync directory), then switches lookups to it.
     *
     * @return false, changing nothing, when the pushed generation is not newer than the current one
     * @throws RecipientCacheFormatException when the pushed bytes are not a valid cache for this salt
     */
    public synchronized boolean replace(byte[] pushed) throws IOException {
        RecipientCache incoming = RecipientCacheCodec.decode(pushed, salt);
        RecipientCache old = current;
        if (old != null && incoming.generation() <= old.generation()) {
            LOG.info("Ignoring recipient cache generation {}: already at {}", incoming.generation(), old.generation());
            return false;
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
        current = incoming;
        LOG.info("Recipient cache now at generation {} ({} entries)", incoming.generation(), incoming.size());
        return true;
    }

    private static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }
}
