package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** A {@link TlsPolicy} backed by one prebuilt Netty {@link SslContext} (JDK provider). */
final class ContextTlsPolicy implements TlsPolicy {

    private final SslContext context;
    private final String expectedName;

    private ContextTlsPolicy(SslContext context, String expectedName) {
        this.context = context;
        this.expectedName = expectedName;
    }

    static ContextTlsPolicy build(SslContextBuilder builder, String expectedName) {
        try {
            SslContext ctx = builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
            return new ContextTlsPolicy(ctx, expectedName);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context: " + e.getMessage(), e);
        }
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return context.newEngine(alloc, expectedName != null ? expectedName : peerHost, peerPort);
    }
}
