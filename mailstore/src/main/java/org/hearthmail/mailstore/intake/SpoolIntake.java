package org.hearthmail.mailstore.intake;

import java.nio.file.Path;
import java.util.Objects;
import org.hearthmail.seal.SealPrivateKey;

/**
 * What the intake needs to take spool entries from the relay (ADR 0003 §3).
 *
 * @param key    the mailstore's spool sealing key ({@code keys/spool.key}); never leaves the mailstore
 * @param ids    entry ids already delivered
 * @param tmpDir where a sealed entry waits while it is authenticated (it stays sealed there)
 */
public record SpoolIntake(SealPrivateKey key, SpoolIds ids, Path tmpDir) {

    /** RFC 2606 §2: ".invalid" is reserved, so this is never a real mailbox. */
    public static final String RECIPIENT = "spool@relay.invalid";

    public SpoolIntake {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(tmpDir, "tmpDir");
    }
}
