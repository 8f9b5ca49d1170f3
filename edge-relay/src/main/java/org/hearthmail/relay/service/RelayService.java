package org.hearthmail.relay.service;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import javax.net.ssl.SSLException;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.relay.config.RelayConfigLoader;
import org.hearthmail.relay.forward.InboundConfig;
import org.hearthmail.relay.forward.InboundServer;
import org.hearthmail.tls.TlsContexts;
import org.hearthmail.service.Foreground;
import org.hearthmail.service.Listeners;

/** The relay's services for one data directory. Start once, close once. */
public final class RelayService implements Foreground.Service {

    private final Path dataDir;
    private final RelayConfig config;
    private final Listeners listeners = new Listeners();

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
        listeners.add("MX (SMTP, STARTTLS)", mx.start(), mx);
        return this;
    }

    @Override
    public List<Listeners.Listener> listeners() {
        return listeners.list();
    }

    @Override
    public void close() {
        listeners.close();
    }
}
