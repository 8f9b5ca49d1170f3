package org.hearthmail.mailstore.dnscheck;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import org.hearthmail.spf.SpfChecker;
import org.hearthmail.spf.SpfResult;
import org.hearthmail.spf.SpfVerdict;

/**
 * Evaluates the published SPF policy as a receiver would (the project's RFC 7208 evaluator): it must
 * pass for every relay's egress address, and should not pass for the home address, which never
 * sends mail directly in a split setup.
 */
final class SpfCoverage {
    private final DnsLookups dns;
    private final SpfChecker spf;

    SpfCoverage(DnsLookups dns) {
        this.dns = dns;
        this.spf = new SpfChecker(dns.resolver(), "dns-check.invalid");
    }

    CheckItem relay(String domain, String relayHost, InetAddress address) {
        String ip = NetUtil.toAddressString(address);
        String what = "SPF " + domain + " for relay " + ip;
        SpfVerdict v = evaluate(domain, relayHost, address);
        if (v.result() == SpfResult.PASS) {
            return CheckItem.ok(what, "pass");
        }
        CheckStatus status = v.result() == SpfResult.TEMPERROR ? CheckStatus.UNKNOWN : CheckStatus.WRONG;
        return new CheckItem(status, what, "pass (the relay sends this domain's mail)", describe(v));
    }

    CheckItem home(String domain, InetAddress home) {
        String ip = NetUtil.toAddressString(home);
        String what = "SPF " + domain + " for home address " + ip;
        SpfVerdict v = evaluate(domain, domain, home);
        if (v.result() == SpfResult.PASS) {
            return new CheckItem(CheckStatus.WARN, what,
                    "not pass: mail leaves through the relays only; remove the home address from SPF", describe(v));
        }
        return CheckItem.ok(what, v.result().keyword());
    }

    private SpfVerdict evaluate(String domain, String helo, InetAddress ip) {
        // RFC 7208 §2.4: the MAIL FROM identity, as for a bounce-free message from postmaster@domain.
        return dns.await(spf.checkMailFrom(ip, "postmaster@" + domain, helo));
    }

    private static String describe(SpfVerdict v) {
        return v.result().keyword() + (v.reason().isEmpty() ? "" : " (" + v.reason() + ")");
    }
}
