package org.hearthmail.relay.gate;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.dns.DnsNames;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.dns.InetAddressLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks every configured DNS list about one address, all zones at once. */
final class DnsListChecker {

    private static final Logger log = LoggerFactory.getLogger(DnsListChecker.class);

    /** What one zone said. */
    private enum Answer { LISTED, NOT_LISTED, FAILED }

    private final DnsResolver resolver;
    private final List<DnsListZone> zones;

    DnsListChecker(DnsResolver resolver, List<DnsListZone> zones) {
        this.resolver = resolver;
        this.zones = List.copyOf(zones);
    }

    CompletableFuture<DnsListResult> check(InetAddress client) {
        InetAddress address = InetAddressLiteral.unmap(client);
        String reversed = reversed(address);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (DnsListZone zone : zones) {
            answers.add(resolver.a(reversed + "." + zone.zone()).thenApply(r -> interpret(zone, r)));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
            int score = 0;
            List<String> listed = new ArrayList<>();
            List<String> allowed = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < zones.size(); i++) {
                DnsListZone zone = zones.get(i);
                switch (answers.get(i).join()) {
                    case LISTED -> {
                        score += zone.weight();
                        (zone.allowList() ? allowed : listed).add(zone.zone());
                    }
                    case FAILED -> failed.add(zone.zone());
                    case NOT_LISTED -> { }
                }
            }
            return new DnsListResult(score, listed, allowed, failed);
        });
    }

    /**
     * RFC 5782 §2.1: IPv4 octets in reverse order; §2.4: IPv6 as 32 reversed nibbles. The same
     * labels as the reverse-DNS name, without its in-addr.arpa / ip6.arpa suffix.
     */
    static String reversed(InetAddress address) {
        String name = DnsNames.reverseName(address);
        String suffix = address instanceof Inet4Address ? ".in-addr.arpa" : ".ip6.arpa";
        return name.substring(0, name.length() - suffix.length());
    }

    private static Answer interpret(DnsListZone zone, DnsResult<Inet4Address> result) {
        if (result instanceof DnsResult.TempFail<Inet4Address> t) {
            log.warn("DNS list {} not answered: {}", zone.zone(), t.detail());
            return Answer.FAILED;
        }
        Answer answer = Answer.NOT_LISTED;
        for (Inet4Address a : result.records()) {
            byte[] b = a.getAddress();
            if ((b[0] & 0xFF) != 127) {
                // RFC 5782 §2.3: entries are in 127.0.0.0/8; anything else is a resolver rewriting NXDOMAIN.
                continue;
            }
            if ((b[1] & 0xFF) == 255 && (b[2] & 0xFF) == 255) {
                // 127.255.255.0/24: the list's error codes (e.g. "query through a public resolver refused").
                log.warn("DNS list {} answered with error code {}; is the resolver refused by it?", zone.zone(),
                        a.getHostAddress());
                return Answer.FAILED;
            }
            answer = Answer.LISTED;
        }
        return answer;
    }
}
