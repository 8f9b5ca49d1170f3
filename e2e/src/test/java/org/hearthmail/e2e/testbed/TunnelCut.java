package org.hearthmail.e2e.testbed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Cuts the WireGuard tunnel where a real outage would: "internet" (the router between home and the
 * VPS) drops every UDP datagram to or from the relay's WireGuard port, with an nftables table of its
 * own. The programs and their wireguard-go keep running and see only silence. {@link #close()}
 * (idempotent) removes the table, and the tunnel's traffic flows again.
 */
public final class TunnelCut implements AutoCloseable {
    private static final String TABLE = "hearthmail_cut";
    private final Netns router;
    private boolean closed;

    private TunnelCut(Netns router) {
        this.router = router;
    }

    /** Skips (JUnit assumption) only when nft is genuinely absent. */
    public static void assumeInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Exec.installed("nft"), "nft missing; install Debian package nftables");
    }

    public static TunnelCut dropWireGuard(Netns router, int udpPort) {
        String rules = String.join("\n",
                "table inet " + TABLE + " {",
                "  chain forward {",
                "    type filter hook forward priority 0; policy accept;",
                "    udp dport " + udpPort + " drop",
                "    udp sport " + udpPort + " drop",
                "  }",
                "}",
                "");
        router.exec(List.of("nft", "-f", "-"), rules.getBytes(StandardCharsets.US_ASCII), Exec.DEFAULT_TIMEOUT).requireOk();
        return new TunnelCut(router);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        router.exec(List.of("nft", "delete", "table", "inet", TABLE), null, Duration.ofSeconds(60)).requireOk();
    }
}
