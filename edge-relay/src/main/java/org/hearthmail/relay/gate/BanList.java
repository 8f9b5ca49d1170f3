package org.hearthmail.relay.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hearthmail.dns.InetAddressLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Banned addresses with expiry. Bounded: when full, expired bans go first, then the ban that ends
 * soonest. Every change is written to the {@link BanFile} on {@code io} (never on the caller's
 * thread, which is often an event loop); changes coming faster than the disk are coalesced.
 * Thread-safe.
 */
public final class BanList {

    private static final Logger log = LoggerFactory.getLogger(BanList.class);

    private final Clock clock;
    private final int maxEntries;
    private final BanFile file;
    private final Executor io;
    private final Map<InetAddress, Ban> bans = new HashMap<>();
    private boolean saveQueued;
    private CompletableFuture<Void> lastSave = CompletableFuture.completedFuture(null);

    private BanList(Clock clock, int maxEntries, BanFile file, Executor io) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.file = file;
        this.io = io;
    }

    /** A ban list kept only in memory (tests, or a relay without a data directory). */
    public static BanList inMemory(Clock clock, int maxEntries) {
        return new BanList(clock, maxEntries, null, Runnable::run);
    }

    /** Loads the still active bans from {@code file} and writes every later change back to it on {@code io}. */
    public static BanList persistent(BanFile file, Clock clock, int maxEntries, Executor io) throws IOException {
        BanList list = new BanList(clock, maxEntries, file, io);
        List<Ban> loaded = file.load(clock.instant());
        synchronized (list) {
            loaded.stream().sorted(Comparator.comparing(Ban::until)).forEach(list::put);
        }
        log.info("ban list: {} active bans loaded from {}", list.size(), file.path());
        return list;
    }

    /**
     * Bans {@code address} for {@code duration}; an existing longer ban is kept. The API the
     * mailstore's ban events (e.g. repeated failed logins seen behind the pass-through) come in by.
     */
    public void ban(InetAddress address, Duration duration, String reason) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("ban duration must be positive: " + duration);
        }
        Ban ban = new Ban(InetAddressLiteral.unmap(address), clock.instant().plus(duration), reason);
        synchronized (this) {
            Ban old = bans.get(ban.address());
            if (old != null && !old.until().isBefore(ban.until())) {
                return;
            }
            if (!put(ban)) {
                return;
            }
            queueSave();
        }
        log.info("banned {} until {}: {}", org.hearthmail.log.LogPrivacy.current().ip(ban.address()), ban.until(), ban.reason());
    }

    public boolean unban(InetAddress address) {
        synchronized (this) {
            if (bans.remove(InetAddressLiteral.unmap(address)) == null) {
                return false;
            }
            queueSave();
        }
        log.info("ban on {} lifted", org.hearthmail.log.LogPrivacy.current().ip(address));
        return true;
    }

    /** The active ban on {@code address}, if any. */
    public synchronized Optional<Ban> find(InetAddress address) {
        InetAddress a = InetAddressLiteral.unmap(address);
        Ban b = bans.get(a);
        if (b == null) {
            return Optional.empty();
        }
        if (!b.activeAt(clock.instant())) {
            bans.remove(a);
            return Optional.empty();
        }
        return Optional.of(b);
    }

    public synchronized List<Ban> active() {
        Instant now = clock.instant();
        return bans.values().stream().filter(b -> b.activeAt(now)).sorted(Comparator.comparing(Ban::until)).toList();
    }

    public synchronized int size() {
        return (int) bans.values().stream().filter(b -> b.activeAt(clock.instant())).count();
    }

    /** Completes when every change made so far is on disk (or failed to be written, then exceptionally). */
    public synchronized CompletableFuture<Void> flushed() {
        return lastSave;
    }

    /** Adds or replaces; false when the list is full of bans that all last longer. */
    private boolean put(Ban ban) {
        if (!bans.containsKey(ban.address()) && bans.size() >= maxEntries) {
            Instant now = clock.instant();
            bans.values().removeIf(b -> !b.activeAt(now));
            if (bans.size() >= maxEntries) {
                Ban soonest = bans.values().stream().min(Comparator.comparing(Ban::until)).orElseThrow();
                if (soonest.until().isAfter(ban.until())) {
                    log.warn("ban list full ({} entries): not adding {}", maxEntries, ban.address().getHostAddress());
                    return false;
                }
                bans.remove(soonest.address());
                log.warn("ban list full ({} entries): dropped the ban on {} ending soonest",
                        maxEntries, soonest.address().getHostAddress());
            }
        }
        bans.put(ban.address(), ban);
        return true;
    }

    private void queueSave() {
        if (file == null || saveQueued) {
            return;
        }
        saveQueued = true;
        lastSave = lastSave.handle((v, e) -> null).thenRunAsync(this::save, io);
    }

    private void save() {
        List<Ban> snapshot;
        synchronized (this) {
            saveQueued = false;
            snapshot = new ArrayList<>(active());
        }
        try {
            file.save(snapshot);
        } catch (UncheckedIOException e) {
            log.error("{}; bans stay in memory and are written again with the next change", e.getMessage());
            throw e;
        }
    }
}
