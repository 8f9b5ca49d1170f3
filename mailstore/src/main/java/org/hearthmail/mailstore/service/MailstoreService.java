package org.hearthmail.mailstore.service;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import org.hearthmail.mailstore.auth.Argon2Params;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.mailstore.auth.LoginThrottle;
import org.hearthmail.mailstore.auth.PasswordHasher;
import org.hearthmail.mailstore.config.ConfigLoader;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.dkim.DkimSelector;
import org.hearthmail.mailstore.relays.OutboundRelays;
import org.hearthmail.mailstore.submission.RelayHandoff;
import org.hearthmail.mailstore.submission.SubmissionConfig;
import org.hearthmail.mailstore.submission.SubmissionServer;
import org.hearthmail.smtp.client.SmtpClientConfig;
import org.hearthmail.tls.TlsContexts;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.intake.IntakeConfig;
import org.hearthmail.mailstore.intake.IntakeServer;
import org.hearthmail.mailstore.intake.SpoolIds;
import org.hearthmail.mailstore.intake.SpoolIntake;
import org.hearthmail.mailstore.intake.SpoolKeyFile;
import org.hearthmail.seal.SealPrivateKey;
import java.util.Optional;
import org.hearthmail.mailstore.imap.server.ImapConfig;
import org.hearthmail.mailstore.imap.server.ImapServer;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Sealer;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.log.LogDirectory;
import org.hearthmail.service.Foreground;
import org.hearthmail.service.Listeners;
import org.hearthmail.mailstore.relays.RelayRegistration;
import org.hearthmail.mailstore.relays.RelayRegistry;
import org.hearthmail.status.RunStatus;
import org.hearthmail.status.StatusFile;
import org.hearthmail.status.StatusPublisher;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.runtime.RunningTunnel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mailstore's services for one data directory. Start once, close once. */
public final class MailstoreService implements Foreground.Service {

    private static final Logger log = LoggerFactory.getLogger(MailstoreService.class);
    /** Under the data directory: spool entry ids already delivered (org.hearthmail.mailstore.intake.SpoolIds). */
    public static final String SPOOL_IDS = "spool-ids";

    private final MailstoreConfig config;
    private final SqliteMailStore store;
    private final ExecutorService storeWork;
    private final Listeners listeners = new Listeners();

    private final DataDirectory dir;
    private RunningTunnel tunnel;
    private StatusPublisher status;
    /** Failed-login back-off and bans, one instance for every protocol (submission, IMAP). */
    private final LoginThrottle loginThrottle = LoginThrottle.withDefaults(Clock.systemUTC());
    private final List<org.hearthmail.mailstore.rcptpush.RecipientCacheSync> rcptSyncs = new java.util.ArrayList<>();
    private io.netty.channel.EventLoopGroup pushGroup;
    private org.hearthmail.log.LogFiles logFiles;

    private MailstoreService(DataDirectory dir, MailstoreConfig config, SqliteMailStore store, ExecutorService storeWork) {
        this.dir = dir;
        this.config = config;
        this.store = store;
        this.storeWork = storeWork;
    }

    /** Loads and validates the configuration, opens the store; nothing listens yet. */
    public static MailstoreService open(Path dataDir) {
        DataDirectory dir = new DataDirectory(dataDir);
        MailstoreConfig config = ConfigLoader.load(dir.root());
        StoreOptions options = new StoreOptions(config.delivery().subaddressSeparator(), 4, Clock.systemUTC(), Sealer.identity(),
                config.delivery().folderDelivery());
        SqliteMailStore store = SqliteMailStore.open(dir, options);
        // Store work (disk, fsync, SQLite) never runs on an event loop.
        ExecutorService work = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2), r -> {
            Thread t = new Thread(r, "store-work");
            t.setDaemon(true);
            return t;
        });
        return new MailstoreService(dir, config, store, work);
    }

    public MailstoreService start() throws InterruptedException {
        logFiles = LogDirectory.install(dir.root(), "mailstore", config.log().retentionDays(), config.log().addresses());
        startTunnel();
        MailstoreConfig.Intake in = config.intake();
        IntakeServer intake = new IntakeServer(new IntakeConfig(config.hostname(), in.listen().socketAddress(),
                in.relayAddresses(), in.maxMessageSize(), config.authResults().authservId(), false,
                config.delivery().junkOn().stream().map(Object::toString).collect(java.util.stream.Collectors.toSet())),
                store, storeWork, spoolIntake());
        listeners.add("SMTP intake", intake.start(), intake);
        startSubmission();
        status = StatusPublisher.start(new StatusFile(dir.root()), this::snapshot);
        if (tunnel != null) {
            tunnel.addListener(r -> status.publishNow());
            tunnel.supervise();
        }
        return this;
    }

    /** DESIGN.md "Provisioning" step 4: home brings the tunnel up and dials out to each relay. */
    private void startTunnel() {
        if (config.tunnel().isEmpty()) {
            return;
        }
        MailstoreConfig.Tunnel t = config.tunnel().get();
        List<RelayRegistration> relays = new RelayRegistry(dir.root()).all();
        if (relays.isEmpty()) {
            log.warn("[tunnel] is set but no relay is provisioned ('mailstore relay bundle'); the tunnel stays down");
        }
        try {
            tunnel = RunningTunnel.start(t.interfaceName(), MailstoreTunnel.config(dir.root(), dir.keys(), t, relays),
                    MailstoreTunnel.thresholds(t), MailstoreTunnel.names(relays));
        } catch (TunnelException e) {
            throw new InvalidConfigException(MailstoreConfig.FILE_NAME + ": [tunnel]: cannot bring " + t.interfaceName()
                    + " up: " + e.getMessage(), e);
        }
    }

    private RunStatus snapshot() {
        return new RunStatus("mailstore", ProcessHandle.current().pid(), java.time.Instant.now(),
                tunnel == null ? null : tunnel.state(),
                listeners.list().stream().map(Listeners.Listener::display).toList(),
                java.util.Map.of("relays provisioned", (long) new RelayRegistry(dir.root()).all().size()));
    }

    /** Spool entries from the relay (ADR 0003) when {@code keys/spool.key} exists; else null (they are refused). */
    private SpoolIntake spoolIntake() {
        try {
            Optional<SealPrivateKey> key = SpoolKeyFile.load(dir.keys());
            if (key.isEmpty()) {
                log.warn("no {}: the relay's spooled mail cannot be handed over (created by 'mailstore init')",
                        dir.keys().resolve(SpoolKeyFile.NAME));
                return null;
            }
            SpoolIds ids = SpoolIds.open(dir.root().resolve(SPOOL_IDS), SpoolIds.DEFAULT_KEEP, Clock.systemUTC());
            log.info("spool hand-over enabled; spool key public half {}; {} entry ids remembered",
                    key.get().publicKey().toBase64(), ids.size());
            return new SpoolIntake(key.get(), ids, dir.tmp());
        } catch (IOException e) {
            throw new InvalidConfigException("cannot set up the spool hand-over: " + e.getMessage(), e);
        }
    }

    private void startSubmission() throws InterruptedException {
        MailstoreConfig.Submission sub = config.submission();
        SslContext tls;
        try {
            SslProvider provider = TlsContexts.fastestProvider();
            tls = TlsContexts.clientFacing(provider, config.tls().certificateIn(dir.root()), config.tls().privateKeyIn(dir.root()));
            log.info("IMAP and submission TLS by {}", provider == SslProvider.OPENSSL
                    ? OpenSsl.versionString() + " (netty-tcnative)" : "the JDK (netty-tcnative not available)");
        } catch (IOException e) {
            throw new InvalidConfigException(MailstoreConfig.FILE_NAME + ": [tls]: " + e.getMessage(), e);
        }
        DkimKeyStore dkim = DkimKeyStore.in(dir.keys(), Clock.systemUTC());
        DkimSelector active = dkim.ensureActive();
        log.info("DKIM signing with selector {}", active.name());
        RelayHandoff relay = new RelayHandoff(OutboundRelays.targets(config, dir.root(), dir.keys()), config.hostname(),
                SmtpClientConfig.defaults(), Duration.ofSeconds(10));
        if (!relay.configured()) {
            log.warn("no relay provisioned ([relay] tls_fingerprint is empty): mail to other domains is refused for now");
        }
        Authenticator accounts = new Authenticator(store, new PasswordHasher(Argon2Params.RFC9106_LOW_MEMORY,
                new SecureRandom()), loginThrottle);
        SubmissionServer submission = new SubmissionServer(new SubmissionConfig(config.hostname(),
                sub.listenStartTls().socketAddress(), sub.listenTls().socketAddress(), tls, sub.proxyFrom(),
                sub.stripHeaders(), sub.maxMessageSize(), dir.tmp()), store, accounts, loginThrottle, dkim, relay, storeWork);
        List<InetSocketAddress> bound = submission.start();
        recipientCachePush(relay.targets());
        listeners.add("submission (STARTTLS)", bound.get(0), submission);
        listeners.add("submission (implicit TLS)", bound.get(1), () -> { });
        startImap(tls, accounts);
    }

    private void startImap(SslContext tls, Authenticator accounts) throws InterruptedException {
        MailstoreConfig.Imap imap = config.imap();
        org.hearthmail.proxy.ProxyProtocolConfig proxy = imap.proxyFrom().ranges().isEmpty() ? null
                : org.hearthmail.proxy.ProxyProtocolConfig.trusting(imap.proxyFrom());
        ImapServer starttls = new ImapServer(ImapConfig.builder(imap.listenStartTls().socketAddress())
                .hostname(config.hostname()).tls(tls).proxyProtocol(proxy).build(), store, accounts, storeWork);
        listeners.add("IMAP (STARTTLS)", starttls.start(), starttls);
        ImapServer implicit = new ImapServer(ImapConfig.builder(imap.listenTls().socketAddress())
                .hostname(config.hostname()).tls(tls).implicitTls(true).proxyProtocol(proxy).build(), store, accounts, storeWork)
                .cacheParses(false);
        listeners.add("IMAP (implicit TLS)", implicit.start(), implicit);
    }

    /** Pushes the recipient cache to every provisioned relay (ADR 0007), each with its own sync. */
    private void recipientCachePush(List<RelayHandoff.Target> targets) {
        if (targets.isEmpty()) {
            return;
        }
        try {
            byte[] salt = org.hearthmail.mailstore.rcptpush.RecipientCacheSalt.loadOrCreate(dir.keys());
            pushGroup = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                    new io.netty.util.concurrent.DefaultThreadFactory("rcptcache-push-io", true),
                    io.netty.channel.nio.NioIoHandler.newFactory());
            for (RelayHandoff.Target target : targets) {
                rcptSyncs.add(new org.hearthmail.mailstore.rcptpush.RecipientCacheSync(store, salt,
                        config.delivery().subaddressSeparator(), new org.hearthmail.mailstore.rcptpush.RelayCachePusher(target,
                        config.hostname(), pushGroup, Duration.ofSeconds(60)),
                        org.hearthmail.mailstore.rcptpush.RecipientCacheSync.Timing.DEFAULT, Clock.systemUTC()).start());
            }
        } catch (IOException e) {
            throw new InvalidConfigException("cannot set up the recipient cache push: " + e.getMessage(), e);
        }
    }

    /** The failed-login state every protocol shares (IMAP takes it from here). */
    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    @Override
    public List<Listeners.Listener> listeners() {
        return listeners.list();
    }

    public SqliteMailStore store() {
        return store;
    }

    @Override
    public void close() {
        if (status != null) {
            status.close();
        }
        rcptSyncs.forEach(org.hearthmail.mailstore.rcptpush.RecipientCacheSync::close);
        if (pushGroup != null) {
            pushGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        listeners.close();
        if (tunnel != null) {
            tunnel.close();
        }
        storeWork.shutdown();
        try {
            storeWork.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        if (logFiles != null) {
            logFiles.close();
        }
    }
}
