package org.hearthmail.mailstore.dnscheck;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.mailstore.dnsrecords.RelayHost;

/**
 * What receivers check about a sending relay before they look at the message: its address has a
 * PTR naming the relay's host name (which is also its MX name and its EHLO name), and that name
 * resolves back to the address (forward-confirmed reverse DNS).
 */
final class RelayChecks {
    private final DnsLookups dns;

    RelayChecks(DnsLookups dns) {
        this.dns = dns;
    }

    List<CheckItem> check(RelayHost relay, InetAddress address) {
        String ip = NetUtil.toAddressString(address);
        List<CheckItem> out = new ArrayList<>();
        DnsResult<String> ptr = dns.ptr(address);
        String what = "PTR " + ip + " (relay " + relay.hostname() + ", its MX and EHLO name)";
        String expected = relay.hostname() + ".";
        if (ptr.isTempFail()) {
            out.add(new CheckItem(CheckStatus.UNKNOWN, what, expected, RecordChecker.failure(ptr)));
        } else if (ptr.isVoid()) {
            out.add(new CheckItem(CheckStatus.MISSING, what, expected + " (set it at the VPS provider)", ""));
        } else if (ptr.records().contains(relay.hostname())) {
            out.add(CheckItem.ok(what, expected));
        } else {
            out.add(new CheckItem(CheckStatus.WRONG, what, expected, dotted(ptr.records())));
        }
        out.add(forwardConfirmed(ip, address, ptr));
        return out;
    }

    /** RFC 8601 §3 "iprev": some PTR name must resolve back to the address. */
    private CheckItem forwardConfirmed(String ip, InetAddress address, DnsResult<String> ptr) {
        String what = "FCrDNS " + ip;
        List<String> ptrNames = ptr.records();
        if (ptr.isTempFail()) {
            return new CheckItem(CheckStatus.UNKNOWN, what, "a PTR name that resolves back to " + ip,
                    "PTR " + RecordChecker.failure(ptr));
        }
        if (ptrNames.isEmpty()) {
            return new CheckItem(CheckStatus.MISSING, what, "a PTR name that resolves back to " + ip, "no PTR");
        }
        List<String> seen = new ArrayList<>();
        for (String name : ptrNames) {
            DnsResult<InetAddress> r = dns.addresses(name, address instanceof Inet6Address);
            if (r.records().contains(address)) {
                return CheckItem.ok(what, name + " -> " + ip);
            }
            seen.add(name + " -> " + (r.records().isEmpty() ? RecordChecker.failure(r)
                    : RecordChecker.join(r.records(), NetUtil::toAddressString)));
        }
        return new CheckItem(CheckStatus.WRONG, what, dotted(ptrNames) + " -> " + ip, String.join("; ", seen));
    }

    private static String dotted(List<String> names) {
        return RecordChecker.join(names, n -> n + ".");
    }
}
