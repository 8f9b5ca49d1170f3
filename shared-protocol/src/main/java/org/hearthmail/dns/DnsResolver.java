package org.hearthmail.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asynchronous DNS lookups. Every method returns at once; the future completes (never
 * exceptionally) with a {@link DnsResult}. Names may be given with or without a trailing dot.
 */
public interface DnsResolver {

    /** TXT records, each record's character-strings concatenated. */
    CompletableFuture<DnsResult<String>> txt(String name);

    CompletableFuture<DnsResult<Inet4Address>> a(String name);

    CompletableFuture<DnsResult<Inet6Address>> aaaa(String name);

    CompletableFuture<DnsResult<MxHost>> mx(String name);

    /** PTR records for the reverse name of {@code address} (in-addr.arpa / ip6.arpa). */
    CompletableFuture<DnsResult<String>> ptr(InetAddress address);

    /** A records for an IPv4 address family, AAAA for IPv6, typed as {@link InetAddress}. */
    default CompletableFuture<DnsResult<InetAddress>> addresses(String name, boolean ipv6) {
        if (ipv6) {
            return aaaa(name).thenApply(DnsResolver::widen);
        }
        return a(name).thenApply(DnsResolver::widen);
    }

    @SuppressWarnings("unchecked")
    private static <T extends InetAddress> DnsResult<InetAddress> widen(DnsResult<T> r) {
        if (r instanceof DnsResult.Found<T> f) {
            return new DnsResult.Found<>(List.copyOf(f.records()));
        }
        return (DnsResult<InetAddress>) (DnsResult<?>) r;
    }
}
