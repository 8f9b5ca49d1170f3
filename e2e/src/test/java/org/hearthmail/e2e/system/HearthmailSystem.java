package org.hearthmail.e2e.system;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.hearthmail.e2e.testbed.Addresses;
import org.hearthmail.e2e.testbed.DnsServer;
import org.hearthmail.e2e.testbed.EdgeRelay;
import org.hearthmail.e2e.testbed.Mailstore;
import org.hearthmail.e2e.testbed.ManualProvisioning;
import org.hearthmail.e2e.testbed.PostfixInstance;
import org.hearthmail.e2e.testbed.Testbed;
import org.hearthmail.e2e.testbed.VpsHomeLink;
import org.hearthmail.interop.KnotServer;

/**
 * The whole system on a {@link Testbed}: the mailstore in "home" (example.test, user alice), the
 * edge relay in "vps" as example.test's MX, knot in "internet" serving example.test (with the
 * records {@code mailstore dns records} prints), remote.test and the reverse zones, and two Postfix
 * instances in "internet": the sending MTA mta.remote.test and the MX of remote.test.
 */
final class HearthmailSystem implements AutoCloseable {
    static final String DOMAIN = "example.test";
    static final String MX_HOST = "mx.example.test";
    static final String HOME_HOST = "home.example.test";
    static final String REMOTE_DOMAIN = "remote.test";
    static final String ALICE = "alice@example.test";

    final Testbed testbed;
    final String alicePassword;
    Mailstore mailstore;
    EdgeRelay relay;
    PostfixInstance remoteMx;
    PostfixInstance sendingMta;

    private HearthmailSystem(Testbed testbed) {
        this.testbed = testbed;
        byte[] pw = new byte[18];
        new SecureRandom().nextBytes(pw);
        this.alicePassword = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
    }

    static HearthmailSystem start(Path dir, VpsHomeLink link) {
        Testbed tb = Testbed.create(dir, link);
        HearthmailSystem s = new HearthmailSystem(tb);
        try {
            s.bringUp();
            return s;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    private void bringUp() {
        mailstore = Mailstore.init(testbed, DOMAIN, MX_HOST, HOME_HOST);
        mailstore.addUser(ALICE, alicePassword);
        DnsServer.start(testbed, zones(mailstore.dnsRecords()));
        relay = ManualProvisioning.provision(testbed, mailstore, MX_HOST, DOMAIN);
        // Both JVMs start while Postfix is set up; the relay hands mail over live once the mailstore listens.
        mailstore.start();
        relay.start();
        remoteMx = PostfixInstance.remoteMx(testbed, "postfix-mx", "mx.remote.test", Addresses.REMOTE_MX, REMOTE_DOMAIN);
        sendingMta = PostfixInstance.sendingMta(testbed, "postfix-mta", "mta.remote.test", Addresses.SENDING_MTA, "192.0.2.0/24");
        mailstore.awaitReady();
        relay.awaitReady();
    }

    /** The test zones; example.test's SPF, DKIM, DMARC and MX come from {@code mailstore dns records}. */
    static Map<String, String> zones(String dnsRecords) {
        Map<String, String> zones = new LinkedHashMap<>();
        String published = dnsRecords.lines()
                .filter(l -> !l.isBlank() && !l.startsWith(";"))
                .filter(l -> l.split("\\s+", 2)[0].endsWith(DOMAIN + "."))
                .collect(Collectors.joining("\n"));
        zones.put(DOMAIN, String.join("\n",
                published,
                "ns A " + Addresses.DNS,
                "mx A " + Addresses.VPS,
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
