package org.hearthmail.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsResolver} over dnsjava's {@link SimpleResolver}, asking one configured (recursive or
 * authoritative) server. dnsjava sends over its own NIO selector thread and retries over TCP when
 * an answer is truncated; results are completed on {@code executor}.
 */
public final class DnsjavaResolver implements DnsResolver {

    /**
     * @param server   the DNS server to ask
     * @param timeout  per attempt
     * @param attempts total attempts for a query that timed out (at least 1)
     */
    public record Config(InetSocketAddress server, Duration timeout, int attempts) {
        public Config {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (attempts < 1 || attempts > 5) {
                throw new IllegalArgumentException("attempts must be 1..5: " + attempts);
            }
        }

        public static Config of(InetSocketAddress server) {
            return new Config(server, Duration.ofSeconds(5), 2);
        }
    }

    private final SimpleResolver resolver;
    private final Config config;
    private final Executor executor;

    public DnsjavaResolver(Config config, Executor executor) {
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.resolver = new SimpleResolver(config.server());
        this.resolver.setTimeout(config.timeout());
    }

    @Override
    public CompletableFuture<DnsResult<String>> txt(String name) {
        return query(name, Type.TXT, r -> r instanceof TXTRecord t ? joinStrings(t) : null);
    }

    @Override
    public CompletableFuture<DnsResult<Inet4Address>> a(String name) {
        return query(name, Type.A, r -> r instanceof ARecord a ? (Inet4Address) a.getAddress() : null);
    }

    @Override
    public CompletableFuture<DnsResult<Inet6Address>> aaaa(String name) {
        return query(name, Type.AAAA, r -> r instanceof AAAARecord a ? toInet6(a.getAddress()) : null);
    }

    @Override
    public CompletableFuture<DnsResult<MxHost>> mx(String name) {
        return query(name, Type.MX, r -> r instanceof MXRecord m
                ? new MxHost(m.getPriority(), DnsNames.normalize(m.getTarget().toString())) : null);
    }

    @Override
    public CompletableFuture<DnsResult<String>> ptr(InetAddress address) {
        return query(DnsNames.reverseName(address), Type.PTR, r -> r instanceof PTRRecord p
                ? DnsNames.normalize(p.getTarget().toString()) : null);
    }

    private <T> CompletableFuture<DnsResult<T>> query(String name, int type, Function<Record, T> extract) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            // A name that cannot be put on the wire cannot exist.
            return CompletableFuture.completedFuture(new DnsResult.NxDomain<>());
        }
        Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        return attempt(query, extract, config.attempts());
    }

    private <T> CompletableFuture<DnsResult<T>> attempt(Message query, Function<Record, T> extract, int left) {
        return resolver.sendAsync(query, executor).toCompletableFuture()
                .handle((response, error) -> {
                    if (error != null) {
                        return DnsjavaResolver.<T>failure(error);
                    }
                    return DnsjavaResolver.interpret(response, extract);
                })
                .thenCompose(result -> {
                    if (left > 1 && result instanceof DnsResult.TempFail<T> t && t.cause() == DnsResult.Cause.TIMEOUT) {
                        return attempt(query, extract, left - 1);
                    }
                    return CompletableFuture.completedFuture(result);
                });
    }

    private static <T> DnsResult<T> interpret(Message response, Function<Record, T> extract) {
        int rcode = response.getRcode();
        switch (rcode) {
            case Rcode.NOERROR:
                List<T> out = new ArrayList<>();
                for (Record r : response.getSection(Section.ANSWER)) {
                    T value = extract.apply(r);
                    if (value != null) {
                        out.add(value);
                    }
                }
                return DnsResult.of(out);
            case Rcode.NXDOMAIN:
                return new DnsResult.NxDomain<>();
            case Rcode.SERVFAIL:
                return new DnsResult.TempFail<>(DnsResult.Cause.SERVFAIL, "SERVFAIL");
            case Rcode.REFUSED:
                return new DnsResult.TempFail<>(DnsResult.Cause.REFUSED, "REFUSED");
            default:
                return new DnsResult.TempFail<>(DnsResult.Cause.OTHER, "rcode " + Rcode.string(rcode));
        }
    }

    private static <T> DnsResult<T> failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return new DnsResult.TempFail<>(DnsResult.Cause.TIMEOUT, "timed out");
        }
        if (cause instanceof IOException) {
            return new DnsResult.TempFail<>(DnsResult.Cause.NETWORK, String.valueOf(cause.getMessage()));
        }
        return new DnsResult.TempFail<>(DnsResult.Cause.OTHER, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static String joinStrings(TXTRecord t) {
        // RFC 7208 §3.3 and RFC 6376 §3.6.2.2: the strings of one record are concatenated as is.
        StringBuilder sb = new StringBuilder();
        for (byte[] s : t.getStringsAsByteArrays()) {
            sb.append(new String(s, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static Inet6Address toInet6(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            return v6;
        }
        // dnsjava may hand back an IPv4-mapped AAAA as Inet4Address; keep it as the 16-byte form.
        byte[] b4 = a.getAddress();
        byte[] b16 = new byte[16];
        b16[10] = (byte) 0xFF;
        b16[11] = (byte) 0xFF;
        System.arraycopy(b4, 0, b16, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b16, -1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    @Override
    public String toString() {
        return "DnsjavaResolver[" + config.server() + "]";
    }
}
