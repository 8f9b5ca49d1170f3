package org.hearthmail.mailstore.dnscheck;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.hearthmail.dns.DnsNames;
import org.hearthmail.dns.DnsResult;

/** Looks a relay's address up on DNS blocklists, in the query form of RFC 5782 §2.1 and §2.4. */
final class DnsblCheck {
    /** The lists most receivers consult. */
    static final List<String> DEFAULT_ZONES = List.of("zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org");

    private final DnsLookups dns;

    DnsblCheck(DnsLookups dns) {
        this.dns = dns;
    }

    /**
     * RFC 5782 §2.1: IPv4 octets reversed under the list's zone; §2.4: IPv6 nibbles reversed.
     * An A record in 127.0.0.0/8 means listed (§2.3); NXDOMAIN means not listed.
     */
    static String queryName(InetAddress address, String zone) {
        String reverse = DnsNames.reverseName(address);
        String suffix = address instanceof Inet4Address ? ".in-addr.arpa" : ".ip6.arpa";
        return reverse.substring(0, reverse.length() - suffix.length()) + "." + DnsNames.normalize(zone);
    }

    CheckItem check(InetAddress address, String zone) {
        String ip = NetUtil.toAddressString(address);
        String what = "DNSBL " + zone + " " + ip;
        String name = queryName(address, zone);
        DnsResult<Inet4Address> r = dns.a(name);
        if (r.isTempFail()) {
            return new CheckItem(CheckStatus.UNKNOWN, what, "not listed", RecordChecker.failure(r));
        }
        if (r.isVoid()) {
            return CheckItem.ok(what, "not listed");
        }
        List<Inet4Address> codes = r.records();
        String shown = RecordChecker.join(codes, NetUtil::toAddressString);
        // Spamhaus answers 127.255.255.x for refused queries (e.g. through a public resolver): not a listing.
        if (codes.stream().allMatch(a -> (a.getAddress()[0] & 0xFF) != 127 || (a.getAddress()[1] & 0xFF) == 255)) {
            return new CheckItem(CheckStatus.UNKNOWN, what, "not listed", "list refused the query: " + shown);
        }
        String reason = dns.txt(name).records().stream().findFirst().map(t -> " \"" + t + "\"").orElse("");
        return new CheckItem(CheckStatus.WRONG, what, "not listed", "listed: " + shown + reason);
    }
}
