package org.hearthmail.relay.gate;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.dns.InetAddressLiteral;

/**
 * Forward-confirmed reverse DNS: the PTR names of the address, then the A (IPv4) or AAAA (IPv6)
 * records of each; the first name whose records contain the address is the client's verified name
 * (RFC 8601 §3 "iprev", the check Postfix calls reject_unknown_client_hostname).
 */
final class FcrdnsChecker {

    private final DnsResolver resolver;
    private final int maxNames;

    FcrdnsChecker(DnsResolver resolver, int maxNames) {
        this.resolver = resolver;
        this.maxNames = maxNames;
    }

    CompletableFuture<FcrdnsResult> check(InetAddress client) {
        InetAddress address = InetAddressLiteral.unmap(client);
        boolean ipv6 = address instanceof Inet6Address;
        return resolver.ptr(address).thenCompose(ptr -> {
            if (ptr instanceof DnsResult.TempFail<String> t) {
                return CompletableFuture.completedFuture(new FcrdnsResult.TempFailed("PTR lookup: " + t.detail()));
            }
            List<String> names = ptr.records().stream().limit(maxNames).toList();
            if (names.isEmpty()) {
                return CompletableFuture.completedFuture(new FcrdnsResult.Unconfirmed("no PTR record"));
            }
            List<CompletableFuture<DnsResult<InetAddress>>> forward = new ArrayList<>();
            for (String name : names) {
                forward.add(resolver.addresses(name, ipv6));
            }
            return CompletableFuture.allOf(forward.toArray(CompletableFuture[]::new)).thenApply(v -> {
                boolean tempFail = false;
                for (int i = 0; i < names.size(); i++) {
                    DnsResult<InetAddress> r = forward.get(i).join();
                    tempFail |= r.isTempFail();
                    for (InetAddress a : r.records()) {
                        if (InetAddressLiteral.unmap(a).equals(address)) {
                            return new FcrdnsResult.Confirmed(names.get(i));
                        }
                    }
                }
                return tempFail
                        ? new FcrdnsResult.TempFailed("forward lookup of " + String.join(", ", names) + " failed")
                        : new FcrdnsResult.Unconfirmed("no address record of " + String.join(", ", names) + " matches");
            });
        });
    }
}
