package org.hearthmail.mailstore.imap.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.SocketOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges a literal's data at once instead of after the kernel's delayed-ACK timer. After
 * the server answered a command line with {@code +} (RFC 3501 §7.5), Linux treats the connection
 * as interactive and delays ACKs (up to 40 ms); a client with Nagle's algorithm on (Python's
 * imaplib, most libraries) then holds back the last, short segment of the literal until that ACK
 * comes, so an APPEND waited 40 ms for nothing about one time in seven. {@code TCP_QUICKACK}
 * (Linux; {@code jdk.net.ExtendedSocketOptions}) ends that interactive mode; the kernel may enter it
 * again later, so it is set after each continuation. Where the option does not exist it is a
 * no-op. Event loop only.
 */
final class QuickAck {
    private static final Logger LOG = LoggerFactory.getLogger(QuickAck.class);
    static final ChannelOption<Boolean> OPTION = option();

    private QuickAck() {
    }

    @SuppressWarnings("unchecked")
    private static ChannelOption<Boolean> option() {
        try {
            SocketOption<Boolean> o = (SocketOption<Boolean>) Class.forName("jdk.net.ExtendedSocketOptions")
                    .getField("TCP_QUICKACK").get(null);
            return NioChannelOption.of(o);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("TCP_QUICKACK not available: {}", e.toString());
            return null;
        }
    }

    /** Asks the kernel to acknowledge what arrives next without delay, if the platform can. */
    static void now(Channel ch) {
        if (OPTION == null || !ch.isActive()) {
            return;
        }
        try {
            ch.config().setOption(OPTION, true);
        } catch (RuntimeException e) {
            // Not a NIO socket (tests on an embedded channel), or an OS without the option.
            LOG.trace("TCP_QUICKACK not set: {}", e.toString());
        }
    }
}
