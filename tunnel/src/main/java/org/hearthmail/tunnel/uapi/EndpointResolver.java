package org.hearthmail.tunnel.uapi;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.config.Endpoint;

/** Turns a config endpoint into a socket address; UAPI accepts only IP:port. */
@FunctionalInterface
public interface EndpointResolver {
    InetSocketAddress resolve(Endpoint endpoint) throws TunnelException;

    /** Uses the system resolver, as wg(8) does when it reads a config. */
    static EndpointResolver system() {
        return endpoint -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
            } catch (UnknownHostException e) {
                throw new TunnelException("cannot resolve peer endpoint " + endpoint + ": " + e.getMessage(), e);
            }
        };
    }
}
