package org.hearthmail.mailstore.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-login back-off and temporary bans, per account and per source IP, one instance shared by
 * IMAP, submission and every other protocol of the process. State is in memory (a restart
 * forgives everyone) and bounded: past {@code maxEntries} keys, expired entries are dropped, and
 * if that is not enough the oldest go. Thread-safe; the clock is injected for tests.
 */
public final class LoginThrottle {
    private final ThrottlePolicy accountPolicy;
    private final ThrottlePolicy ipPolicy;
    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<InetAddress, Failures> ips = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    public LoginThrottle(ThrottlePolicy accountPolicy, ThrottlePolicy ipPolicy, Clock clock, int maxEntries) {
        this.accountPolicy = accountPolicy;
        this.ipPolicy = ipPolicy;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    public static LoginThrottle withDefaults(Clock clock) {
        return new LoginThrottle(ThrottlePolicy.ACCOUNT_DEFAULT, ThrottlePolicy.IP_DEFAULT, clock, 100_000);
    }

    /** The block that applies now to a login for {@code account} from {@code source}, if any; the longer one wins. */
    public Optional<Block> check(String account, InetAddress source) {
        Instant now = clock.instant();
        Optional<Block> ip = blockOf(ips.get(source), ipPolicy, now, Block.Scope.SOURCE_IP);
        Optional<Block> acct = blockOf(accounts.get(key(account)), accountPolicy, now, Block.Scope.ACCOUNT);
        if (ip.isEmpty()) {
            return acct;
        }
        if (acct.isEmpty()) {
            return ip;
        }
        return acct.get().until().isAfter(ip.get().until()) ? acct : ip;
    }

    /** True while {@code source} is banned; protocols may refuse its connections outright. */
    public boolean isBanned(InetAddress source) {
        return blockOf(ips.get(source), ipPolicy, clock.instant(), Block.Scope.SOURCE_IP)
                .map(Block::banned).orElse(false);
    }

    public void recordFailure(String account, InetAddress source) {
        Instant now = clock.instant();
        accounts.compute(key(account), (k, f) -> next(f, accountPolicy, now));
        ips.compute(source, (k, f) -> next(f, ipPolicy, now));
        trim(now);
    }

    /**
     * Forgets the account's failures. The IP's are kept: one known password must not let a
     * guesser reset its own source's count.
     */
    public void recordSuccess(String account, InetAddress source) {
        accounts.remove(key(account));
    }

    int trackedKeys() {
        return accounts.size() + ips.size();
    }

    private static Failures next(Failures f, ThrottlePolicy p, Instant now) {
        if (f == null || forgotten(f, p, now)) {
            return new Failures(1, now);
        }
        return new Failures(f.count() + 1, now);
    }

    private static boolean forgotten(Failures f, ThrottlePolicy p, Instant now) {
        Instant end = f.last().plus(f.count() >= p.banAfter() ? p.banFor().plus(p.forgetAfter()) : p.forgetAfter());
        return !now.isBefore(end);
    }

    private static Optional<Block> blockOf(Failures f, ThrottlePolicy p, Instant now, Block.Scope scope) {
        if (f == null || forgotten(f, p, now)) {
            return Optional.empty();
        }
        if (f.count() >= p.banAfter()) {
            Instant until = f.last().plus(p.banFor());
            return now.isBefore(until) ? Optional.of(new Block(scope, until, true)) : Optional.empty();
        }
        if (f.count() <= p.freeFailures()) {
            return Optional.empty();
        }
        Instant until = f.last().plus(delay(p, f.count() - p.freeFailures()));
        return now.isBefore(until) ? Optional.of(new Block(scope, until, false)) : Optional.empty();
    }

    /** baseDelay * 2^(n-1), capped. */
    static Duration delay(ThrottlePolicy p, int n) {
        Duration d = p.baseDelay();
        for (int i = 1; i < n && d.compareTo(p.maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(p.maxDelay()) > 0 ? p.maxDelay() : d;
    }

    private void trim(Instant now) {
        if (trackedKeys() <= maxEntries) {
            return;
        }
        accounts.entrySet().removeIf(e -> forgotten(e.getValue(), accountPolicy, now));
        ips.entrySet().removeIf(e -> forgotten(e.getValue(), ipPolicy, now));
        // Still too many (a flood of distinct keys): drop the oldest entries, accounts first.
        while (trackedKeys() > maxEntries) {
            Map<?, Failures> m = accounts.isEmpty() ? ips : accounts;
            m.entrySet().stream().min(java.util.Map.Entry.comparingByValue(
                    java.util.Comparator.comparing(Failures::last))).ifPresent(e -> m.remove(e.getKey()));
        }
    }

    private static String key(String account) {
        return account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
    }
}
