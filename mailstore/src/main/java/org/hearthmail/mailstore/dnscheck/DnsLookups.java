package org.hearthmail.mailstore.dnscheck;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.dns.DnsNames;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.dns.MxHost;
import org.hearthmail.mailstore.dnsrecords.RecordData;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Blocking lookups against one resolver, for a command-line check: the project's {@link
 * DnsjavaResolver} for A/AAAA/MX/TXT/PTR (and for SPF evaluation), dnsjava's {@link Lookup} for SRV,
 * which the shared resolver does not offer. Every call returns within the resolver's timeout times
 * its attempts.
 */
public final class DnsLookups implements AutoCloseable {
    private final InetSocketAddress server;
    private final Duration timeout;
    private final int attempts;
    private final ExecutorService executor;
    private final DnsjavaResolver resolver;
    private final SimpleResolver srvResolver;

    public DnsLookups(InetSocketAddress server, Duration timeout, int attempts) {
        this.server = server;
        this.timeout = timeout;
        this.attempts = attempts;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dns-check");
            t.setDaemon(true);
            return t;
        });
        this.resolver = new DnsjavaResolver(new DnsjavaResolver.Config(server, timeout, attempts), executor);
        this.srvResolver = new SimpleResolver(server);
        this.srvResolver.setTimeout(timeout);
    }

    public InetSocketAddress server() {
        return server;
    }

    /** For the SPF evaluator, which runs its own chain of lookups. */
    public DnsResolver resolver() {
        return resolver;
    }

    public DnsResult<String> txt(String name) {
        return await(resolver.txt(name));
    }

    public DnsResult<Inet4Address> a(String name) {
        return await(resolver.a(name));
    }

    /** AAAA records when {@code ipv6}, else A records. */
    public DnsResult<InetAddress> addresses(String name, boolean ipv6) {
        return await(resolver.addresses(name, ipv6));
    }

    public DnsResult<MxHost> mx(String name) {
        return await(resolver.mx(name));
    }

    public DnsResult<String> ptr(InetAddress address) {
        return await(resolver.ptr(address));
    }

    /** RFC 2782 SRV records; the target without its trailing dot ("" for the root, RFC 6186 §4). */
    public DnsResult<RecordData.Srv> srv(String name) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.SRV);
        } catch (TextParseException e) {
            return new DnsResult.NxDomain<>();
        }
        lookup.setResolver(srvResolver);
        lookup.setCache(null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<RecordData.Srv> out = new ArrayList<>();
                for (Record r : records) {
                    if (r instanceof SRVRecord s) {
                        out.add(new RecordData.Srv(s.getPriority(), s.getWeight(), s.getPort(),
                                DnsNames.normalize(s.getTarget().toString())));
                    }
                }
                yield DnsResult.of(out);
            }
            case Lookup.HOST_NOT_FOUND -> new DnsResult.NxDomain<>();
            case Lookup.TYPE_NOT_FOUND -> new DnsResult.NoData<>();
            default -> new DnsResult.TempFail<>(DnsResult.Cause.OTHER, lookup.getErrorString());
        };
    }

    /** The resolver's futures never fail; the bound only guards against a lost completion. */
    <T> T await(CompletableFuture<T> f) {
        long bound = timeout.toMillis() * attempts + 2_000;
        try {
            return f.get(bound, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for DNS", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ResolverUnreachableException("DNS resolver " + server + " gave no result within " + bound + " ms");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
