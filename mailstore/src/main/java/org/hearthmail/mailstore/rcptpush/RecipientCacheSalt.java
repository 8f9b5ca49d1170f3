package org.hearthmail.mailstore.rcptpush;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.hearthmail.rcptcache.RecipientHasher;

/**
 * {@code keys/recipient-cache.salt}: the installation's secret for the recipient cache's salted
 * hashes, base64 on one line, mode 0600. The relay gets the same value as {@code [spool]
 * recipient_cache_salt} (through the provisioning bundle); without it the relay cannot look up
 * and a breached relay's hashes cannot be tested against a list of likely addresses.
 */
public final class RecipientCacheSalt {

    public static final String NAME = "recipient-cache.salt";
    /** 256 bits: well above {@link RecipientHasher#MIN_SALT_LENGTH}. */
    public static final int LENGTH = 32;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private RecipientCacheSalt() {
    }

    /** The salt in {@code keysDir}, or empty when none was made yet. */
    public static Optional<byte[]> load(Path keysDir) throws IOException {
        Path file = keysDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not base64");
        }
        if (salt.length < RecipientHasher.MIN_SALT_LENGTH) {
            throw new IOException(file + ": shorter than " + RecipientHasher.MIN_SALT_LENGTH + " bytes");
        }
        return Optional.of(salt);
    }

    /** The salt in {@code keysDir}, made (random, owner-only, fsynced) if there is none yet. */
    public static byte[] loadOrCreate(Path keysDir) throws IOException {
        Optional<byte[]> existing = load(keysDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] salt = new byte[LENGTH];
        new SecureRandom().nextBytes(salt);
        Path file = keysDir.resolve(NAME);
        Files.createDirectories(keysDir);
        try {
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return load(keysDir).orElseThrow(() -> new IOException(file + ": appeared empty"));
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(salt) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return salt;
    }

    /** The value for the relay's {@code [spool] recipient_cache_salt}. */
    public static String toBase64(byte[] salt) {
        return Base64.getEncoder().encodeToString(salt);
    }
}
