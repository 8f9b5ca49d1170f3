package org.hearthmail.e2e.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The real vps&lt;-&gt;home link: the WireGuard tunnel that {@code edge-relay run} and
 * {@code mailstore run} bring up themselves (wireguard-go), home dialling the relay's public
 * address across "internet". {@link #connect} makes nothing; it only picks the two interface names,
 * unique per run because wireguard-go's UAPI sockets ({@code /var/run/wireguard/NAME.sock}) live
 * in one directory shared by every namespace and by other test runs on this machine.
 */
public final class WireGuardLink implements VpsHomeLink {
    /** wireguard-go's UAPI socket directory (the same for every namespace). */
    static final Path UAPI_DIR = Path.of("/var/run/wireguard");
    /** The relay's public WireGuard UDP port (DESIGN.md: {@code --endpoint 203.0.113.10:51820}). */
    public static final int PORT = 51820;

    private final String relayInterface;
    private final String homeInterface;

    public WireGuardLink() {
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        String suffix = HexFormat.of().formatHex(r);
        // Linux interface names: at most 15 characters (IFNAMSIZ 16 with the NUL).
        this.relayInterface = "hmv" + suffix;
        this.homeInterface = "hmh" + suffix;
    }

    /** Skips (JUnit assumption) only when wireguard-go, which both programs start, is genuinely absent. */
    public static void assumeInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Exec.installed("wireguard-go"),
                "wireguard-go missing; install Debian package wireguard-go");
    }

    @Override
    public void connect(Netns vps, Netns home) {
        // The programs create the interfaces when they run; until then the tunnel addresses do not exist.
    }

    /** For {@code edge-relay init --interface}. */
    public String relayInterface() {
        return relayInterface;
    }

    /** For the mailstore's {@code [tunnel] interface}, which no command sets. */
    public String homeInterface() {
        return homeInterface;
    }

    @Override
    public String describe() {
        return "WireGuard tunnel " + relayInterface + " (vps, listens on UDP " + PORT + ") <- " + homeInterface
                + " (home, dials out), brought up by the programs";
    }

    /**
     * Removes the UAPI sockets a wireguard-go killed without a clean stop left behind (the
     * testbed ends such leftover processes by PID before this runs).
     */
    @Override
    public void close() {
        for (String name : List.of(relayInterface, homeInterface)) {
            Path socket = UAPI_DIR.resolve(name + ".sock");
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                System.err.println("testbed: cannot remove " + socket + ": " + e.getMessage());
            }
        }
    }
}
