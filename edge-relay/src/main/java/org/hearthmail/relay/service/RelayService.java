package org.hearthmail.relay.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.hearthmail.relay.forward.SpoolFallback;
import org.hearthmail.relay.forward.SpoolHandover;
import org.hearthmail.relay.rcptcache.RecipientCacheStore;
import org.hearthmail.relay.spool.Backoff;
import org.hearthmail.relay.spool.Spool;
import org.hearthmail.relay.spool.SpoolDrainer;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearthmail.config.HostPort;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.SenderChecks;
import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.relay.config.RelayConfigLoader;
import org.hearthmail.relay.config.ResolvConf;
import org.hearthmail.relay.forward.InboundChecks;
import org.hearthmail.relay.forward.InboundConfig;
import org.hearthmail.relay.forward.InboundServer;
import org.hearthmail.relay.forward.LinkTimeouts;
import org.hearthmail.relay.gate.BanFile;
import org.hearthmail.relay.gate.BanList;
import org.hearthmail.relay.gate.ConnectionGate;
import org.hearthmail.relay.gate.GateConfig;
import org.hearthmail.relay.passthrough.PassthroughConfig;
import org.hearthmail.relay.passthrough.PassthroughRoute;
import org.hearthmail.relay.passthrough.PassthroughServer;
import org.hearthmail.log.LogDirectory;
import org.hearthmail.service.Foreground;
import org.hearthmail.service.Listeners;
import org.hearthmail.tls.TlsContexts;
import org.hearthmail.status.RunStatus;
import org.hearthmail.status.StatusFile;
import org.hearthmail.status.StatusPublisher;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.health.TunnelHealth;
import org.hearthmail.tunnel.runtime.RunningTunnel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay's services for one data directory. Start once, close once. */
public final class RelayService implements Foreground.Service {

    private static final Logger log = LoggerFactory.getLogger(RelayService.class);
    /** Under the data directory: message content being checked (encrypted, see org.hearthmail.relay.buffer). */
    public static final String TMP_DIR = "tmp";
    /** Disk writes, hashing, signature checks and DNS callbacks: small, as the VPS has one or two cores. */
    private static final int WORKERS = 4;
    /** Under the data directory: the ban list (org.hearthmail.relay.gate.BanFile). */
    public static final String BANS_FILE = "bans.txt";
    private static final int MAX_BANS = 100_000;
    /** Under the data directory: the sealed spool (org.hearthmail.relay.spool). */
    public static final String SPOOL_DIR = "spool";
    /** One hand-over: a whole message across the tunnel, so generous. */
    private static final Duration HANDOVER_TIMEOUT = Duration.ofMinutes(10);

    private final Path dataDir;
    private final RelayConfig config;
    private final Listeners listeners = new Listeners();
    private ExecutorService work;
    private HostPort resolver;
    private DnsjavaResolver dns;
    private BanList bans;
    private Spool spool;
    private volatile SpoolDrainer drainer;
    private ScheduledExecutorService drainExecutor;
    private Optional<RecipientCacheStore> recipientCache;
    private org.hearthmail.log.LogFiles logFiles;
    private volatile RunningTunnel tunnel;
    private StatusPublisher status;
    private volatile org.hearthmail.relay.outbound.OutboundService outbound;

    private RelayService(Path dataDir, RelayConfig config) {
        this.dataDir = dataDir;
        this.config = config;
    }

    public static RelayService open(Path dataDir) {
        return new RelayService(dataDir, RelayConfigLoader.load(dataDir));
    }

    public RelayService start() throws InterruptedException {
        logFiles = LogDirectory.install(dataDir, "edge-relay", config.log().retentionDays(), config.log().addresses());
        startTunnel();
        InboundChecks checks = checks();
        bans = bans();
        ConnectionGate mxGate = null;
        if (config.gate().enabled()) {
            mxGate = new ConnectionGate(config.gate().toGateConfig(), bans, dns, Clock.systemUTC());
            mxGate.warnIfPublicResolver(resolver.socketAddress());
            log.info("gate on port 25: pre-greet wait {} ms, {} DNS list(s), threshold {}, FCrDNS {}",
                    config.gate().pregreetDelay().toMillis(), config.gate().dnsLists().size(), config.gate().threshold(),
                    config.gate().fcrdns().name().toLowerCase(java.util.Locale.ROOT));
        } else {
            log.warn("gate disabled ([gate] enabled = false): no connection limits, bans or DNS checks on port 25");
        }
        InboundConfig inbound = new InboundConfig(config.hostname(), new HashSet<>(config.domains()),
                config.mailstore().intake().socketAddress(), config.inbound().maxMessageSize(), linkTimeouts());
        io.netty.handler.ssl.SslContext tls = tls();
        InboundServer mx = new InboundServer(inbound, config.inbound().listen().socketAddress(), tls, checks,
                mxGate, spoolFallback());
        listeners.add("MX (SMTP, STARTTLS)", mx.start(), mx);
        startDrainer();
        if (!config.passthrough().routes().isEmpty()) {
            startPassthrough(bans);
        }
        if (config.outbound().listen().isPresent()) {
            startOutbound(config.outbound().certificate().isPresent() ? outboundTls() : tls);
        }
        status = StatusPublisher.start(new StatusFile(dataDir), this::snapshot);
        if (tunnel != null) {
            tunnel.addListener(report -> {
                status.publishNow();
                SpoolDrainer d = drainer;
                // The tunnel is back: hand the spool over now instead of at the end of the back-off.
                if (report.overall() == TunnelHealth.UP && d != null && d.state() == SpoolDrainer.State.BACKING_OFF) {
                    d.retryNow();
                }
            });
            tunnel.supervise();
        }
        return this;
    }

    /** DESIGN.md "Provisioning" step 3: the relay listens on its WireGuard port; home dials in. */
    private void startTunnel() {
        if (config.tunnel().isEmpty()) {
            log.warn("no [tunnel] in {}: the mailstore must be reachable at {} some other way", RelayConfig.FILE_NAME,
                    config.mailstore().intake());
            return;
        }
        RelayConfig.Tunnel t = config.tunnel().get();
        try {
            tunnel = RunningTunnel.start(t.interfaceName(), RelayTunnel.config(dataDir, t), RelayTunnel.thresholds(t),
                    RelayTunnel.names(t));
        } catch (TunnelException e) {
            throw new InvalidConfigException(RelayConfig.FILE_NAME + ": [tunnel]: cannot bring " + t.interfaceName() + " up: "
                    + e.getMessage(), e);
        }
    }

    /** True while the tunnel is configured and its supervisor has seen the mailstore go down. */
    private boolean mailstoreKnownDown() {
        RunningTunnel t = tunnel;
        return t != null && t.report().isPresent() && t.health() == TunnelHealth.DOWN;
    }

    private RunStatus snapshot() {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        if (spool != null) {
            counts.put("spool entries", (long) spool.entries().size());
        }
        if (outbound != null) {
            counts.put("outbound queue messages", (long) outbound.queue().list().size());
        }
        return new RunStatus("edge-relay", ProcessHandle.current().pid(), java.time.Instant.now(),
                tunnel == null ? null : tunnel.state(), listeners.list().stream().map(Listeners.Listener::display).toList(),
                counts);
    }

    /** The outbound listener's own certificate ([outbound] cert, key), which the mailstore pins. */
    private io.netty.handler.ssl.SslContext outboundTls() {
        try {
            return TlsContexts.server(dataDir.resolve(config.outbound().certificate().get()),
                    dataDir.resolve(config.outbound().privateKey().get()));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException(RelayConfig.FILE_NAME + ": outbound.cert: cannot use the certificate and key: "
                    + e.getMessage(), e);
        }
    }

    /** The relay's certificate and key, for STARTTLS on port 25 and on the outbound listener. */
    private io.netty.handler.ssl.SslContext tls() {
        try {
            return TlsContexts.server(config.tls().certificateIn(dataDir), config.tls().privateKeyIn(dataDir));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException(RelayConfig.FILE_NAME + ": tls: cannot use the certificate and key: " + e.getMessage(), e);
        }
    }

    /** The mailstore's way out: a STARTTLS + AUTH listener feeding the durable delivery queue. */
    private void startOutbound(io.netty.handler.ssl.SslContext tls) throws InterruptedException {
        org.hearthmail.config.RelayCredentials creds =
                org.hearthmail.config.RelayCredentials.read(config.outbound().credentialsIn(dataDir));
        org.hearthmail.relay.outbound.OutboundConfig listener;
        try {
            listener = new org.hearthmail.relay.outbound.OutboundConfig(config.outbound().listen().get().socketAddress(),
                    config.hostname(), tls, creds.name(), creds.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    config.inbound().maxMessageSize(), 1000).withCachePushes(recipientCache()
                    .map(store -> new org.hearthmail.relay.outbound.CachePushes(store,
                            config.mailstore().intake().address())).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(RelayConfig.FILE_NAME + ": outbound.credentials: " + e.getMessage(), e);
        }
        outbound = org.hearthmail.relay.outbound.OutboundService.start(
                OutboundTuning.apply(config.outbound().delivery(), org.hearthmail.relay.outbound.OutboundSettings.defaults(
                        listener, dataDir, config.hostname(), config.mailstore().intake().socketAddress())), dns, Clock.systemUTC());
        listeners.add("outbound (from the mailstore)", outbound.listenerAddress().orElseThrow(), outbound);
    }

    /** The client ports share the ban list with port 25 but have their own, looser limits and no DNS checks. */
    private void startPassthrough(BanList bans) throws InterruptedException {
        ConnectionGate clientGate = new ConnectionGate(GateConfig.clientPortDefaults().withLimits(config.passthrough().limits()), bans, null,
                Clock.systemUTC());
        PassthroughServer server = new PassthroughServer(PassthroughConfig.of(config.passthrough().routes()), clientGate);
        List<InetSocketAddress> bound = server.start();
        for (int i = 0; i < bound.size(); i++) {
            PassthroughRoute route = config.passthrough().routes().get(i);
            // One server holds every route's listener: closed once, with the first.
            listeners.add("pass-through to " + route.target().getAddress().getHostAddress() + ":" + route.target().getPort(),
                    bound.get(i), i == 0 ? server : () -> { });
        }
    }

    /** The spool and recipient cache, when {@code [spool] mailstore_key} is set; else null (451 4.4.1 while the mailstore is away). */
    private SpoolFallback spoolFallback() {
        RelayConfig.Spool sc = config.spool();
        if (sc.mailstoreKey().isEmpty()) {
            log.warn("no [spool] mailstore_key: while the mailstore is unreachable, senders get 451 4.4.1 and retry");
            return null;
        }
        Path dir = dataDir.resolve(SPOOL_DIR);
        try {
            spool = Spool.open(dir, sc.maxBytes(), sc.mailstoreKey().get());
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException("cannot open the spool " + dir + ": " + e.getMessage(), e);
        }
        Optional<RecipientCacheStore> cache = recipientCache();
        log.info("spool {}: {} entries waiting ({} of {} bytes)", dir, spool.entries().size(), spool.committedBytes(),
                sc.maxBytes());
        // A live session reaching the mailstore means the tunnel is back: hand the spool over now.
        return new SpoolFallback(spool, cache, () -> {
            SpoolDrainer d = drainer;
            if (d != null && d.state() == SpoolDrainer.State.BACKING_OFF) {
                d.retryNow();
            }
        }, this::mailstoreKnownDown);
    }

    /** The recipient cache the mailstore pushes (ADR 0007), opened once; empty without a salt. */
    private Optional<RecipientCacheStore> recipientCache() {
        if (recipientCache != null) {
            return recipientCache;
        }
        RelayConfig.Spool sc = config.spool();
        recipientCache = Optional.empty();
        if (sc.recipientCacheSalt().isPresent()) {
            Path file = sc.recipientCacheIn(dataDir);
            try {
                recipientCache = Optional.of(RecipientCacheStore.open(file, sc.recipientCacheSalt().get(), Clock.systemUTC(),
                        sc.recipientCacheMaxAge()));
            } catch (IOException e) {
                throw new InvalidConfigException(RelayConfig.FILE_NAME + ": spool.recipient_cache: cannot use " + file + ": "
                        + e.getMessage(), e);
            }
        } else {
            log.warn("no [spool] recipient_cache_salt: while spooling, every recipient is answered 450 4.4.3");
        }
        return recipientCache;
    }

    /** Hands the spool to the mailstore, oldest first, whenever it answers (ADR 0003). */
    private void startDrainer() {
        if (spool == null) {
            return;
        }
        drainExecutor = Executors.newSingleThreadScheduledExecutor(daemonThreads("spool-drain"));
        drainer = new SpoolDrainer(spool, new SpoolHandover(config.mailstore().intake().socketAddress(), config.hostname(),
                Duration.ofSeconds(10), linkTimeouts()), drainExecutor, new Backoff(Duration.ofSeconds(1), config.spool().retryMax(), 2.0),
                HANDOVER_TIMEOUT);
        drainer.start();
    }

    /** {@code [mailstore] command_timeout} and {@code commit_timeout}: the tunnel hop's own limits. */
    private LinkTimeouts linkTimeouts() {
        return new LinkTimeouts(config.mailstore().commandTimeout(), config.mailstore().commitTimeout());
    }

    /** The spool, or null when none is configured; for status and tests. */
    public Spool spool() {
        return spool;
    }

    /** Bans survive restarts: {@value #BANS_FILE} in the data directory. */
    private BanList bans() {
        try {
            return BanList.persistent(new BanFile(dataDir.resolve(BANS_FILE)), Clock.systemUTC(), MAX_BANS, work);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read the ban list " + dataDir.resolve(BANS_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Resolver, executor, temp directory (swept) and the checks built from them. */
    private InboundChecks checks() {
        resolver = RelayConfigLoader.resolver(config, ResolvConf.SYSTEM);
        if (ResolvConf.isWellKnownPublic(resolver.address())) {
            log.warn("DNS resolver {} is a public resolver: DNS blocklists refuse such resolvers and every sender's "
                    + "domain is disclosed to its operator; run a local resolver (e.g. unbound) and set [dns] resolver", resolver);
        }
        log.info("DNS resolver {}; sender authentication policy \"{}\", authserv-id {}", resolver,
                config.auth().policy().keyword(), config.auth().authservId());
        TempDirectory tmp;
        try {
            tmp = TempDirectory.prepare(dataDir.resolve(TMP_DIR));
        } catch (IOException e) {
            throw new InvalidConfigException("cannot prepare " + dataDir.resolve(TMP_DIR) + ": " + e.getMessage(), e);
        }
        work = Executors.newFixedThreadPool(WORKERS, daemonThreads("relay-work"));
        dns = new DnsjavaResolver(DnsjavaResolver.Config.of(resolver.socketAddress()), work);
        SenderChecks sender = new SenderChecks(dns, work, config.auth().authservId(), config.auth().policy(),
                config.hostname(), Clock.systemUTC());
        return new InboundChecks(sender, tmp, work);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public List<Listeners.Listener> listeners() {
        return listeners.list();
    }

    @Override
    public void close() {
        if (status != null) {
            status.close();
        }
        if (drainer != null) {
            drainer.close();
        }
        if (drainExecutor != null) {
            drainExecutor.shutdownNow();
        }
        listeners.close();
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                log.warn("cannot release the spool lock: {}", e.toString());
            }
        }
        if (bans != null) {
            try {
                // The last ban changes reach the disk before the executor that writes them stops.
                bans.flushed().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.warn("ban list not saved at shutdown: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (work != null) {
            work.shutdownNow();
        }
        if (tunnel != null) {
            tunnel.close();
        }
        if (logFiles != null) {
            logFiles.close();
        }
    }
}
