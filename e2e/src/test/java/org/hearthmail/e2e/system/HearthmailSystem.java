package org.hearthmail.e2e.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hearthmail.e2e.testbed.Addresses;
import org.hearthmail.e2e.testbed.CliProvisioning;
import org.hearthmail.e2e.testbed.DnsServer;
import org.hearthmail.e2e.testbed.EdgeRelay;
import org.hearthmail.e2e.testbed.Mailstore;
import org.hearthmail.e2e.testbed.PostfixInstance;
import org.hearthmail.e2e.testbed.Testbed;
import org.hearthmail.e2e.testbed.WireGuardLink;
import org.hearthmail.interop.KnotServer;

/**
 * The whole system on a {@link Testbed}: the mailstore in "home" (example.test, user alice), the
 * edge relay in "vps" as example.test's MX, knot in "internet" serving example.test (with the
 * records {@code mailstore dns records} prints), remote.test and the reverse zones, and two Postfix
 * instances in "internet": the sending MTA mta.remote.test and the MX of remote.test. Both ends are
 * provisioned with the CLI ({@link CliProvisioning}); the vps&lt;-&gt;home link is the WireGuard
 * tunnel both {@code run}s bring up, home dialling 203.0.113.10:51820 across "internet".
 */
final class HearthmailSystem implements AutoCloseable {
    static final String DOMAIN = "example.test";
    static final String MX_HOST = "mx.example.test";
    static final String HOME_HOST = "home.example.test";
    static final String REMOTE_DOMAIN = "remote.test";
    static final String ALICE = "alice@example.test";

    final Testbed testbed;
    final WireGuardLink tunnel;
    final String alicePassword;
    /** The third-party clients in "internet". */
    final Clients clients;
    Mailstore mailstore;
    EdgeRelay relay;
    PostfixInstance remoteMx;
    PostfixInstance sendingMta;

    private HearthmailSystem(Testbed testbed, WireGuardLink tunnel) {
        this.testbed = testbed;
        this.tunnel = tunnel;
        this.clients = new Clients(testbed.internet, testbed.dir());
        byte[] pw = new byte[18];
        new SecureRandom().nextBytes(pw);
        this.alicePassword = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
    }

    /**
     * Skips (JUnit assumption) only when root or a program the system needs is genuinely absent:
     * the testbed's tools, knot, wireguard-go, python3, and with {@code postfix} Postfix, swaks and dkimpy.
     */
    static void assumeRunnable(boolean postfix) {
        Testbed.assumeAvailable();
        DnsServer.assumeInstalled();
        WireGuardLink.assumeInstalled();
        assumeTrue(Files.isExecutable(Clients.PYTHON), "python3 missing; install Debian package python3");
        if (postfix) {
            PostfixInstance.assumeInstalled();
            assumeTrue(Files.isExecutable(Clients.SWAKS), "swaks missing; install Debian package swaks");
            assumeTrue(Files.isExecutable(Clients.DKIMVERIFY), "dkimverify missing; install Debian package python3-dkim");
        }
    }

    /** The last 40 lines of a program's log, for failure messages. */
    static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** With Postfix instances (the sending MTA and the remote MX) or without (for tests that need neither). */
    static HearthmailSystem start(Path dir, boolean postfix) {
        WireGuardLink link = new WireGuardLink();
        Testbed tb = Testbed.create(dir, link);
        HearthmailSystem s = new HearthmailSystem(tb, link);
        try {
            s.bringUp(postfix);
            return s;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    private void bringUp(boolean postfix) {
        mailstore = Mailstore.init(testbed, DOMAIN, MX_HOST, HOME_HOST);
        mailstore.addUser(ALICE, alicePassword);
        relay = CliProvisioning.provision(testbed, mailstore, tunnel);
        // DESIGN.md "Provisioning" step 5: with the relay known, the records name its address.
        DnsServer.start(testbed, zones(mailstore.dnsRecords()));
        // Both JVMs start (and bring the tunnel up) while Postfix is set up.
        relay.start();
        mailstore.start();
        if (postfix) {
            remoteMx = PostfixInstance.remoteMx(testbed, "postfix-mx", "mx.remote.test", Addresses.REMOTE_MX, REMOTE_DOMAIN);
            sendingMta = PostfixInstance.sendingMta(testbed, "postfix-mta", "mta.remote.test", Addresses.SENDING_MTA,
                    "192.0.2.0/24");
        }
        mailstore.awaitReady();
        relay.awaitReady();
        CliProvisioning.awaitRecipientCache(relay, java.time.Duration.ofSeconds(60));
    }

    /** The test zones; example.test's SPF, DKIM, DMARC and MX come from {@code mailstore dns records}. */
    static Map<String, String> zones(String dnsRecords) {
        Map<String, String> zones = new LinkedHashMap<>();
        String published = dnsRecords.lines()
                .filter(l -> !l.isBlank() && !l.startsWith(";"))
                .filter(l -> l.split("\\s+", 2)[0].endsWith(DOMAIN + "."))
                .collect(Collectors.joining("\n"));
        boolean relayAddressPublished = published.lines().anyMatch(l -> l.matches("(?i)" + MX_HOST.replace(".", "\\.")
                + "\\.\\s.*\\bA\\s+" + Addresses.VPS.replace(".", "\\.") + "\\s*"));
        zones.put(DOMAIN, String.join("\n",
                published,
                "ns A " + Addresses.DNS,
                relayAddressPublished ? "" : "mx A " + Addresses.VPS,
                "home A " + Addresses.HOME));
        zones.put(REMOTE_DOMAIN, String.join("\n",
                "@ MX 10 mx.remote.test.",
                "mx A " + Addresses.REMOTE_MX,
                "mta A " + Addresses.SENDING_MTA,
                "client A " + Addresses.CLIENT,
                // RFC 7208 §5.6: the clients and the sending MTA are remote.test's senders.
                "@ TXT " + KnotServer.txt("v=spf1 ip4:192.0.2.0/24 -all"),
                "_dmarc TXT " + KnotServer.txt("v=DMARC1; p=reject")));
        // RFC 1035 §3.5 IN-ADDR.ARPA: PTRs matching each host's A record (forward-confirmed).
        zones.put("113.0.203.in-addr.arpa", "10 PTR " + MX_HOST + ".");
        zones.put("100.51.198.in-addr.arpa", "20 PTR " + HOME_HOST + ".");
        zones.put("2.0.192.in-addr.arpa", String.join("\n",
                "1 PTR client.remote.test.",
                "25 PTR mx.remote.test.",
                "26 PTR mta.remote.test.",
                "53 PTR ns.example.test."));
        return zones;
    }

    @Override
    public void close() {
        testbed.close();
    }
}
