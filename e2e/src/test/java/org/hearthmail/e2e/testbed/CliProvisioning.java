package org.hearthmail.e2e.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * DESIGN.md "Provisioning" steps 2 and 3 with the CLI: at home {@code mailstore relay bundle
 * --endpoint 203.0.113.10:51820} (passphrase from a file), the bundle copied to the VPS side,
 * {@code edge-relay init --bundle} there. Afterwards the few settings no command writes are edited,
 * each with a {@code # test:} comment in the file saying why:
 * <ul>
 * <li>the mailstore's WireGuard interface name ({@link WireGuardLink}: unique per run);</li>
 * <li>fast tunnel keepalive and silence limits on both sides, so a cut is seen in seconds;</li>
 * <li>no pre-greeting delay on the relay (the test clients never talk early).</li>
 * </ul>
 * The relay's recipient cache is written here as the mailstore would push it (no command pushes it yet).
 */
public final class CliProvisioning {
    /** Seconds: keepalive both ways, then "stale" and "down" after this much silence. */
    static final int KEEPALIVE = 1;
    static final int STALE_AFTER = 4;
    static final int DOWN_AFTER = 6;

    private CliProvisioning() {
    }

    /**
     * The relay's recipient cache is not written here: the running mailstore pushes it (ADR 0007);
     * {@link #awaitRecipientCache} waits for it.
     */
    public static EdgeRelay provision(Testbed tb, Mailstore mailstore, WireGuardLink link) {
        Path passphrase = writePrivate(tb.dir().resolve("bundle-passphrase"), passphrase() + "\n");
        Path atHome = tb.dir().resolve("relay.bundle");
        mailstore.relayBundle(Addresses.VPS + ":" + WireGuardLink.PORT, passphrase, atHome);
        Path onVps;
        try {
            // The operator copies the file to the VPS (scp); here: another directory.
            onVps = Files.copy(atHome, Files.createDirectories(tb.dir().resolve("vps-upload")).resolve("relay.bundle"));
        } catch (IOException e) {
            throw new TestbedException("cannot copy the relay bundle: " + e.getMessage(), e);
        }
        mailstore.config()
                .set("tunnel", "interface", TomlFile.string(link.homeInterface()),
                        "unique per test run: wireguard-go's socket directory is shared by all namespaces")
                .set("tunnel", "keepalive", String.valueOf(KEEPALIVE), "a tunnel cut is noticed within seconds")
                .set("tunnel", "stale_after", String.valueOf(STALE_AFTER), "a tunnel cut is noticed within seconds")
                .set("tunnel", "down_after", String.valueOf(DOWN_AFTER), "a tunnel cut is noticed within seconds");

        EdgeRelay relay = EdgeRelay.init(tb, onVps, passphrase, link.relayInterface());
        relay.config()
                .set("gate", "pregreet_delay", TomlFile.string("0s"), "the test clients never talk early; 3 s each only slows the test")
                .set("tunnel", "keepalive", String.valueOf(KEEPALIVE), "a tunnel cut is noticed within seconds")
                .set("tunnel", "stale_after", String.valueOf(STALE_AFTER), "a tunnel cut is noticed within seconds")
                .set("tunnel", "down_after", String.valueOf(DOWN_AFTER), "a tunnel cut is noticed within seconds");
        return relay;
    }

    private static String passphrase() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Path writePrivate(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new TestbedException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the mailstore has pushed its recipient cache to the relay (ADR 0007) over the tunnel. */
    public static void awaitRecipientCache(EdgeRelay relay, java.time.Duration limit) {
        Path cache = relay.dataDir().resolve("rcptcache.bin");
        long end = System.nanoTime() + limit.toNanos();
        while (!Files.isRegularFile(cache)) {
            if (System.nanoTime() > end) {
                throw new TestbedException("the mailstore did not push its recipient cache to the relay within " + limit);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestbedException("interrupted while waiting for the recipient cache", e);
            }
        }
    }
}
