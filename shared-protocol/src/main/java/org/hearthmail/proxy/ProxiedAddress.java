package org.hearthmail.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The client as the rest of the pipeline should see it: the original source and destination,
 * either taken from a trusted PROXY header or from the TCP connection itself.
 */
public record ProxiedAddress(InetSocketAddress source, InetSocketAddress destination, Transport transport,
                             Origin origin) {

    /** Transport protocol named by the header (the connection itself is always a stream). */
    public enum Transport { TCP, UDP }

    /** Where the addresses came from. */
    public enum Origin {
        /** Addresses from a PROXY header sent by a trusted proxy. */
        PROXY_HEADER,
        /** A trusted proxy sent LOCAL, UNKNOWN/UNSPEC or a UNIX family: the connection endpoints are used. */
        PROXY_CONNECTION,
        /** The peer is not a trusted proxy: the connection endpoints are used. */
        DIRECT
    }

    public ProxiedAddress {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(origin, "origin");
    }

    public InetAddress sourceAddress() {
        return source.getAddress();
    }

    public int sourcePort() {
        return source.getPort();
    }

    public InetAddress destinationAddress() {
        return destination.getAddress();
    }

    public int destinationPort() {
        return destination.getPort();
    }
}
