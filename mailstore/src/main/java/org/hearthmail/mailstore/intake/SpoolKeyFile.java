package org.hearthmail.mailstore.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.hearthmail.seal.SealPrivateKey;

/**
 * {@code keys/spool.key}: the mailstore's X25519 key that opens the relay's sealed spool entries
 * (ADR 0003), base64 on one line, mode 0600. Its public half goes into the relay's
 * {@code [spool] mailstore_key}. Separate from the WireGuard key.
 */
public final class SpoolKeyFile {

    public static final String NAME = "spool.key";

    private SpoolKeyFile() {
    }

    /** The key in {@code keysDir}, or empty when there is none (then the intake refuses spool entries). */
    public static Optional<SealPrivateKey> load(Path keysDir) throws IOException {
        Path file = keysDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SealPrivateKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a spool key (32 bytes, base64)");
        }
    }
}
