package org.hearthmail.relay.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
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
import org.hearthmail.service.Foreground;
import org.hearthmail.service.Listeners;
import org.hearthmail.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay's services for one data directory. Start once, close once. */
public final class RelayService implements Foreground.Service {

    private static final Logger log = LoggerFactory.getLogger(RelayService.class);
    /** Under the data directory: message content being checked (encrypted, see org.hearthmail.relay.buffer). */
    public static final String TMP_DIR = "tmp";
    /** Disk writes, hashing, signature checks and DNS callbacks: small, as the VPS has one or two cores. */
    private static final int WORKERS = 4;

    private final Path dataDir;
    private final RelayConfig config;
    private final Listeners listeners = new Listeners();
    private ExecutorService work;

    private RelayService(Path dataDir, RelayConfig config) {
        this.dataDir = dataDir;
        this.config = config;
    }

    public static RelayService open(Path dataDir) {
        return new RelayService(dataDir, RelayConfigLoader.load(dataDir));
    }

    public RelayService start() throws InterruptedException {
        InboundChecks checks = checks();
        InboundConfig inbound = new InboundConfig(config.hostname(), new HashSet<>(config.domains()),
                config.mailstore().intake().socketAddress(), config.inbound().maxMessageSize());
        InboundServer mx;
        try {
            mx = new InboundServer(inbound, config.inbound().listen().socketAddress(),
                    TlsContexts.server(config.tls().certificateIn(dataDir), config.tls().privateKeyIn(dataDir)), checks);
        } catch (SSLException | IllegalArgumentException e) {
            throw new InvalidConfigException(RelayConfig.FILE_NAME + ": tls: cannot use the certificate and key: " + e.getMessage(), e);
        }
        listeners.add("MX (SMTP, STARTTLS)", mx.start(), mx);
        return this;
    }

    /** Resolver, executor, temp directory (swept) and the checks built from them. */
    private InboundChecks checks() {
        HostPort resolver = RelayConfigLoader.resolver(config, ResolvConf.SYSTEM);
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
        DnsjavaResolver dns = new DnsjavaResolver(DnsjavaResolver.Config.of(resolver.socketAddress()), work);
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
        listeners.close();
        if (work != null) {
            work.shutdownNow();
        }
    }
}
