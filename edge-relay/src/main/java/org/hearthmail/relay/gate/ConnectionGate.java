package org.hearthmail.relay.gate;

import io.netty.channel.ChannelHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.InetAddressLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's connection gate for a set of listeners: ban list, connection limits and abuse
 * tracking for all of them; DNS screening and early-talker detection for port 25. Several gates
 * (port 25, client ports) may share one {@link BanList}. Thread-safe.
 */
public final class ConnectionGate {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    private static final int MAX_ABUSE_TRACKED = 100_000;

    private final GateConfig config;
    private final BanList bans;
    private final ConnectionLimiter limiter;
    private final ClientScreen screen;
    private final AbuseTracker abuse;

    /**
     * @param resolver may be null when {@code config} names no DNS checks
     */
    public ConnectionGate(GateConfig config, BanList bans, DnsResolver resolver, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.bans = Objects.requireNonNull(bans, "bans");
        this.limiter = new ConnectionLimiter(config.limits(), clock);
        this.screen = new ClientScreen(config.screening(), resolver, clock);
        this.abuse = new AbuseTracker(bans, clock, config.abuseThreshold(), config.abuseWindow(), config.abuseBan(),
                MAX_ABUSE_TRACKED);
    }

    /** Logs a warning when DNS lists are configured but {@code resolver} is a public one; returns whether it did. */
    public boolean warnIfPublicResolver(InetSocketAddress resolver) {
        return PublicResolvers.warning(resolver.getAddress(), config.screening()).map(w -> {
            log.warn(w);
            return true;
        }).orElse(false);
    }

    /** The ban list, then the limits. Call once per new connection; close the permit when it ends. */
    public Admission admit(InetAddress client) {
        InetAddress address = InetAddressLiteral.unmap(client);
        var ban = bans.find(address);
        if (ban.isPresent()) {
            return new Admission.Refused(GateReplies.banned(address, ban.get().reason()), "banned: " + ban.get().reason());
        }
        ConnectionLimiter.Result r = limiter.acquire(address);
        if (!r.admitted()) {
            abuse.report(address, AbuseSignal.LIMIT_EXCEEDED);
            return new Admission.Refused(GateReplies.tooMany(address, r.exceeded()), "limit: " + r.exceeded());
        }
        return new Admission.Admitted(r.permit());
    }

    /** The DNS checks (cached); completes never exceptionally. */
    public CompletableFuture<ScreenVerdict> screen(InetAddress client) {
        return screen.screen(client);
    }

    /** Bans an address, e.g. on the mailstore's word (failed logins it saw behind the pass-through). */
    public void ban(InetAddress client, Duration duration, String reason) {
        bans.ban(client, duration, reason);
    }

    /** Records misbehaviour; enough of it bans the address. Returns true when this report banned it. */
    public boolean report(InetAddress client, AbuseSignal signal) {
        return abuse.report(client, signal);
    }

    /** A new handler for the front of a port 25 pipeline (one per connection). */
    public ChannelHandler newSmtpHandler() {
        return new SmtpGateHandler(this);
    }

    /** A new handler for the front of a pass-through pipeline (one per connection). */
    public ChannelHandler newPassthroughHandler() {
        return new AdmissionHandler(this);
    }

    public GateConfig config() {
        return config;
    }

    public BanList bans() {
        return bans;
    }

    public int connections(InetAddress client) {
        return limiter.connections(client);
    }
}
