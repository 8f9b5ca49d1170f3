package org.hearthmail.relay.service;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import javax.net.ssl.SSLException;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.relay.config.RelayConfigLoader;
import org.hearthmail.relay.forward.InboundConfig;
import org.hearthmail.relay.forward.InboundServer;
import org.hearthmail.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay's services for one data directory. Start once, close once. */
public final class RelayService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayService.class);

    /** A listener that is up. */
    public record Listener(String name, InetSocketAddress address) {
    }

    private final Path dataDir;
    private final RelayConfig config;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();

    private RelayService(Path dataDir, RelayConfig config) {
        this.dataDir = dataDir;
        this.config = config;
    }

    public static RelayService open(Path dataDir) {
        return new RelayService(dataDir, RelayConfigLoader.load(dataDir));
    }

    public RelayService start() throws InterruptedException {
        InboundConfig inbound = new InboundConfig(config.hostname(), new HashSet<>(config.domains()),
                config.mailstore().intake().socketAddress(), config.inbound().maxMessageSize());
        InboundServer mx;
        try {
            mx = new InboundServer(inbound, config.inbound().listen().socketAddress(),
                    TlsContexts.server(config.tls().certificateIn(dataDir), config.tls().privateKeyIn(dataDir)));
        } catch (SSLException | IllegalArgumentException e) {
            throw new InvalidConfigException(RelayConfig.FILE_NAME + ": tls: cannot use the certificate and key: " + e.getMessage(), e);
        }
        running.add(mx);
        listeners.add(new Listener("MX (SMTP, STARTTLS)", mx.start()));
        for (Listener l : listeners) {
            log.info("{} listening on {}", l.name(), l.address());
        }
        return this;
    }

    public List<Listener> listeners() {
        return List.copyOf(listeners);
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("closing a listener failed: {}", e.toString());
            }
        }
    }
}
