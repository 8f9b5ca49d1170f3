package org.hearthmail.tunnel.userspace;

import org.hearthmail.tunnel.TunnelBackend;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.TunnelStatus;
import org.hearthmail.tunnel.TunnelUnavailableException;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.uapi.EndpointResolver;
import org.hearthmail.tunnel.uapi.UapiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** WireGuard through wireguard-go: UAPI for WireGuard itself, iproute2 for the interface. */
public final class UserspaceBackend implements TunnelBackend {
    private static final Logger LOG = LoggerFactory.getLogger(UserspaceBackend.class);

    private final UserspaceOptions options;
    private final UapiClient uapi;
    private final IpLink link;
    private final EndpointResolver resolver;
    private WireguardGoProcess daemon;

    public UserspaceBackend(UserspaceOptions options) {
        this(options, EndpointResolver.system());
    }

    public UserspaceBackend(UserspaceOptions options, EndpointResolver resolver) {
        this.options = options;
        this.uapi = new UapiClient(options.socketDir(), options.interfaceName(), options.timeout());
        this.link = new IpLink(options);
        this.resolver = resolver;
    }

    @Override
    public String interfaceName() {
        return options.interfaceName();
    }

    @Override
    public synchronized void apply(WgQuickConfig config) throws TunnelException {
        ensureDaemon();
        uapi.set(config, resolver);
        link.configure(config);
        LOG.info("{}: applied config with {} peer(s)", options.interfaceName(), config.peers().size());
    }

    @Override
    public TunnelStatus readStatus() throws TunnelException {
        return uapi.get();
    }

    /** The pid of the daemon this backend started, or -1 when it uses someone else's. */
    public synchronized long daemonPid() {
        return daemon != null && daemon.isAlive() ? daemon.pid() : -1;
    }

    private void ensureDaemon() throws TunnelException {
        if (uapi.isListening()) {
            return;
        }
        if (daemon != null) {
            // Ours died; reap it before starting another.
            daemon.stop();
            daemon = null;
        }
        if (!options.startDaemon()) {
            throw new TunnelUnavailableException("no wireguard-go is running for " + options.interfaceName()
                    + " (expected on " + uapi.socket() + ") and this backend is set not to start one");
        }
        daemon = WireguardGoProcess.start(options, uapi);
    }

    @Override
    public synchronized void close() {
        if (daemon != null) {
            daemon.stop();
            LOG.info("{}: stopped wireguard-go", options.interfaceName());
            daemon = null;
        }
    }
}
