package org.hearthmail.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
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
 * an answer is truncated; results are completed on {@code executor}. After the server's host
 * answered a query with ICMP port unreachable (nothing listens: the resolver is down), queries fail
 * at once for {@link Config#unreachableHold()} (RFC 2308 §7.2) instead of each waiting for, and
 * building, the same failure.
 */
public final class DnsjavaResolver implements DnsResolver {

    /** How long a server that answered with ICMP port unreachable is deemed dead by default. */
    public static final Duration DEFAULT_UNREACHABLE_HOLD = Duration.ofSeconds(1);

    /**
     * @param server          the DNS server to ask
     * @param timeout         per attempt
     * @param attempts        total attempts for a query that timed out (at least 1)
     * @param unreachableHold how long queries fail at once, unsent, after the server's host said
     *                        nothing listens on its port (ICMP port unreachable); zero: never
     */
    public record Config(InetSocketAddress server, Duration timeout, int attempts, Duration unreachableHold) {
        public Config {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(unreachableHold, "unreachableHold");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (attempts < 1 || attempts > 5) {
                throw new IllegalArgumentException("attempts must be 1..5: " + attempts);
            }
            // RFC 2308 §7.2: a dead server "MUST NOT be deemed dead for longer than five (5) minutes".
            if (unreachableHold.isNegative() || unreachableHold.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("unreachableHold must be 0..5 minutes: " + unreachableHold);
            }
        }

        public Config(InetSocketAddress server, Duration timeout, int attempts) {
            this(server, timeout, attempts, DEFAULT_UNREACHABLE_HOLD);
        }

        public static Config of(InetSocketAddress server) {
            return new Config(server, Duration.ofSeconds(5), 2);
        }
    }

    private final SimpleResolver resolver;
    private final Config config;
    private final Executor executor;
    /** System.nanoTime() until which the server is deemed dead; meaningful only while {@code held}. */
    private volatile long unreachableUntil;
    private volatile boolean held;

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
        if (held && System.nanoTime() - unreachableUntil < 0) {
            // RFC 2308 §7.2: the server was found dead moments ago; asking again would only fail the
            // same way (and build an exception per query while every message asks).
            return CompletableFuture.completedFuture(new DnsResult.TempFail<>(DnsResult.Cause.NETWORK, "DNS server "
                    + config.server() + " unreachable moments ago (ICMP port unreachable)"));
        }
        return resolver.sendAsync(query, executor).toCompletableFuture()
                .handle((response, error) -> {
                    if (error != null) {
                        noteUnreachable(error);
                        return DnsjavaResolver.<T>failure(error);
                    }
                    held = false;
                    return DnsjavaResolver.interpret(response, extract);
                })
                .thenCompose(result -> {
                    if (left > 1 && result instanceof DnsResult.TempFail<T> t && t.cause() == DnsResult.Cause.TIMEOUT) {
                        return attempt(query, extract, left - 1);
                    }
                    return CompletableFuture.completedFuture(result);
                });
    }

    /** RFC 2308 §7.2 ("dead / unreachable server"): an ICMP port unreachable marks the server dead for a while. */
    private void noteUnreachable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof PortUnreachableException && !config.unreachableHold().isZero()) {
            unreachableUntil = System.nanoTime() + config.unreachableHold().toNanos();
            held = true;
        }
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
