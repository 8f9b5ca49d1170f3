package org.hearthmail.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on loopback in front of the mailstore's intake that can play a home line gone quiet
 * at the worst moment: armed with {@link #swallowNextCommitReply()}, the next connection that sends
 * {@code BDAT ... LAST} still delivers every byte to the mailstore (which commits), but nothing the
 * mailstore answers from then on reaches the relay. Every other connection is passed through as is.
 * One thread per direction per connection; {@link #close()} closes every socket, which ends them.
 */
final class ReplySwallowingProxy implements AutoCloseable {

    private static final byte[] LAST = " LAST\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean swallowed = new AtomicBoolean();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    ReplySwallowingProxy(int port, InetSocketAddress upstream) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        this.acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The next final reply after BDAT LAST (and all after it on that connection) is dropped. */
    void swallowNextCommitReply() {
        swallowed.set(false);
        armed.set(true);
    }

    /** True once a connection had its commit reply swallowed. */
    boolean swallowed() {
        return swallowed.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket mailstore = new Socket();
                mailstore.connect(upstream, 5000);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(mailstore);
                }
                AtomicBoolean mute = new AtomicBoolean();
                pump(client, mailstore, mute, true);
                pump(mailstore, client, mute, false);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean mute, boolean towardsMailstore) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    // Muted before the bytes go on, so the mailstore's reply cannot overtake the switch.
                    if (towardsMailstore && contains(buf, n, LAST) && armed.compareAndSet(true, false)) {
                        mute.set(true);
                        swallowed.set(true);
                    }
                    if (!towardsMailstore && mute.get()) {
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // The other side went away; close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, towardsMailstore ? "proxy-up" : "proxy-down");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] buf, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            System.err.println("proxy: closing a socket: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            sockets.forEach(ReplySwallowingProxy::closeQuietly);
        }
    }
}
