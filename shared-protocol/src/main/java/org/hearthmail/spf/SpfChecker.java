package org.hearthmail.spf;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.InetAddressLiteral;

/**
 * SPF checks of the HELO and MAIL FROM identities (RFC 7208 §2.3, §2.4). Thread-safe; every call
 * starts an independent evaluation. Futures never complete exceptionally.
 */
public final class SpfChecker {

    /** RFC 7208 §4.6.4: a whole evaluation SHOULD be bounded in time (at least 20 seconds). */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);

    private final DnsResolver dns;
    private final String receiver;
    private final Clock clock;
    private final Duration deadline;

    /**
     * @param dns      the resolver for all lookups
     * @param receiver this host's name, for the %{r} macro in explanations
     */
    public SpfChecker(DnsResolver dns, String receiver) {
        this(dns, receiver, Clock.systemUTC());
    }

    public SpfChecker(DnsResolver dns, String receiver, Clock clock) {
        this(dns, receiver, clock, DEFAULT_DEADLINE);
    }

    /** @param deadline after this the check ends with temperror, whatever lookups are still running */
    public SpfChecker(DnsResolver dns, String receiver, Clock clock, Duration deadline) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
    }

    /**
     * Checks the MAIL FROM identity. A null reverse-path ({@code ""} or {@code "<>"}) is checked as
     * {@code postmaster@<helo>} (RFC 7208 §2.4).
     */
    public CompletableFuture<SpfVerdict> checkMailFrom(InetAddress ip, String mailFrom, String helo) {
        String path = mailFrom == null ? "" : mailFrom.strip();
        if (path.startsWith("<") && path.endsWith(">")) {
            path = path.substring(1, path.length() - 1);
        }
        String sender;
        if (path.isEmpty()) {
            sender = "postmaster@" + helo;
        } else if (path.indexOf('@') < 0) {
            sender = "postmaster@" + path;
        } else if (path.startsWith("@")) {
            // RFC 7208 §4.3: an empty local-part is replaced by "postmaster".
            sender = "postmaster" + path;
        } else {
            sender = path;
        }
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        return checkHost(ip, domain, sender, helo, SpfVerdict.Identity.MAILFROM);
    }

    /**
     * Checks the HELO identity (RFC 7208 §2.3). An address literal or a name that is not a
     * multi-label domain gives "none" without any lookup.
     */
    public CompletableFuture<SpfVerdict> checkHelo(InetAddress ip, String helo) {
        String h = helo == null ? "" : helo.strip();
        if (h.startsWith("[") || InetAddressLiteral.tryParse(h).isPresent()) {
            return CompletableFuture.completedFuture(new SpfVerdict(SpfResult.NONE, SpfVerdict.Identity.HELO, h,
                    java.util.Optional.empty(), "HELO is an address literal"));
        }
        return checkHost(ip, h, "postmaster@" + h, h, SpfVerdict.Identity.HELO);
    }

    /** check_host(ip, domain, sender) of RFC 7208 §4. */
    public CompletableFuture<SpfVerdict> checkHost(InetAddress ip, String domain, String sender, String helo,
                                                   SpfVerdict.Identity identity) {
        InetAddress client = InetAddressLiteral.unmap(Objects.requireNonNull(ip, "ip"));
        String d = stripDot(domain.toLowerCase(Locale.ROOT));
        MacroContext ctx = new MacroContext(sender, d, client, helo == null ? "" : helo, receiver, null,
                clock.instant().getEpochSecond());
        return new SpfEvaluator(dns).run(ctx)
                .completeOnTimeout(Outcome.of(SpfResult.TEMPERROR, "no result within " + deadline.toSeconds() + " s"),
                        deadline.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(o -> new SpfVerdict(o.result(), identity, d, o.explanation(), o.reason()));
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
