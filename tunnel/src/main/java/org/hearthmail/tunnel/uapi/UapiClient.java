package org.hearthmail.tunnel.uapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.TunnelStatus;
import org.hearthmail.tunnel.TunnelUnavailableException;
import org.hearthmail.tunnel.config.WgQuickConfig;

/**
 * Talks UAPI to one device's unix socket: one connection per request, as {@code wg} does.
 * Every exchange finishes within the timeout and reads at most {@link #MAX_REPLY} bytes.
 */
public final class UapiClient {
    /** Default socket directory of wireguard-go and wg(8) on Linux. */
    public static final Path DEFAULT_SOCKET_DIR = Path.of("/var/run/wireguard");
    /** A get reply is about 300 bytes per peer; 4 MiB leaves room for thousands of peers. */
    static final int MAX_REPLY = 4 << 20;

    private final String interfaceName;
    private final Path socket;
    private final Duration timeout;

    public UapiClient(Path socketDir, String interfaceName, Duration timeout) {
        this.interfaceName = interfaceName;
        this.socket = socketPath(socketDir, interfaceName);
        this.timeout = timeout;
    }

    /** xplatform: "/var/run/wireguard/wg0.sock" for interface wg0. */
    public static Path socketPath(Path socketDir, String interfaceName) {
        return socketDir.resolve(interfaceName + ".sock");
    }

    public Path socket() {
        return socket;
    }

    /** True when a daemon accepts connections on the socket right now. */
    public boolean isListening() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public TunnelStatus get() throws TunnelException {
        return UapiCodec.parseGet(interfaceName, exchange(UapiCodec.getRequest()));
    }

    public void set(WgQuickConfig config, EndpointResolver resolver) throws TunnelException {
        UapiCodec.checkSetReply(exchange(UapiCodec.setRequest(config, resolver)));
    }

    /** Sends one request and returns the reply up to and including its terminating empty line. */
    String exchange(String request) throws TunnelException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new TunnelUnavailableException("WireGuard device " + interfaceName
                        + " is not running (no daemon on " + socket + ": " + e.getMessage() + ")", e);
            }
            ch.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TunnelException("WireGuard device " + interfaceName + " did not answer within " + timeout);
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                if (out.hasRemaining()) {
                    ch.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    continue;
                }
                int n = ch.read(in);
                if (n > 0) {
                    reply.write(in.array(), 0, in.position());
                    in.clear();
                    if (reply.size() > MAX_REPLY) {
                        throw new UapiException("UAPI reply larger than " + MAX_REPLY + " bytes", -1);
                    }
                    if (endsWithEmptyLine(reply)) {
                        return reply.toString(StandardCharsets.UTF_8);
                    }
                } else if (n < 0) {
                    throw new TunnelUnavailableException("WireGuard device " + interfaceName
                            + " closed the UAPI connection before answering");
                }
            }
        } catch (IOException e) {
            throw new TunnelUnavailableException("UAPI exchange with " + interfaceName + " failed: " + e.getMessage(), e);
        }
    }

    /** xplatform: "the end of the response is marked by an empty line". */
    private static boolean endsWithEmptyLine(ByteArrayOutputStream reply) {
        byte[] b = reply.toByteArray();
        return b.length >= 2 && b[b.length - 1] == '\n' && b[b.length - 2] == '\n';
    }
}
