package org.hearthmail.tunnel.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A netlink socket to the kernel (port id 0). Requests are sent with NLM_F_ACK and a fresh
 * sequence number; {@link #request} reads until the ACK/error or NLMSG_DONE for that sequence.
 * One request at a time (synchronized).
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetlinkSocket.class);
    /** Bigger than any reply we ask for; the kernel caps a datagram at about a page or 32 KiB. */
    private static final int RECV_BUFFER = 64 * 1024;
    /** Bounds one request's reply, whatever the kernel sends. */
    private static final int MAX_DATAGRAMS = 1024;

    private final int fd;
    private final int protocol;
    private final AtomicInteger sequence = new AtomicInteger((int) (System.nanoTime() & 0x7fffffff));
    private boolean closed;

    private NetlinkSocket(int fd, int protocol) {
        this.fd = fd;
        this.protocol = protocol;
    }

    /**
     * Opens a socket in the current network namespace, or in {@code netns} (a file such as
     * /var/run/netns/NAME): a dedicated thread enters the namespace, creates the socket and exits,
     * so no other thread ever changes namespace. The socket stays bound to that namespace.
     */
    public static NetlinkSocket open(int protocol, Optional<Path> netns, Duration receiveTimeout) throws NetlinkException {
        AtomicReference<Object> result = new AtomicReference<>();
        Runnable opener = () -> {
            try {
                result.set(createIn(protocol, netns, receiveTimeout));
            } catch (NetlinkException e) {
                result.set(e);
            }
        };
        if (netns.isEmpty()) {
            opener.run();
        } else {
            Thread t = new Thread(opener, "netlink-open-" + netns.get().getFileName());
            t.start();
            try {
                t.join(receiveTimeout.toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetlinkException("interrupted while opening a netlink socket", 0);
            }
            if (t.isAlive()) {
                throw new NetlinkException("opening a netlink socket in " + netns.get() + " timed out", 0);
            }
        }
        Object r = result.get();
        if (r instanceof NetlinkException e) {
            throw e;
        }
        return (NetlinkSocket) r;
    }

    public static NetlinkSocket route(Optional<Path> netns) throws NetlinkException {
        return open(LibC.NETLINK_ROUTE, netns, Duration.ofSeconds(2));
    }

    public static NetlinkSocket generic(Optional<Path> netns) throws NetlinkException {
        return open(LibC.NETLINK_GENERIC, netns, Duration.ofSeconds(2));
    }

    /** The file `ip netns add NAME` creates for a namespace. */
    public static Path namedNamespace(String name) {
        return Path.of("/var/run/netns", name);
    }

    private static NetlinkSocket createIn(int protocol, Optional<Path> netns, Duration timeout) throws NetlinkException {
        LibC c = LibC.INSTANCE;
        if (netns.isPresent()) {
            int nsFd = -1;
            try {
                nsFd = c.open(netns.get().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
                // setns(2): changes the namespace of the calling thread only; this thread then ends.
                c.setns(nsFd, LibC.CLONE_NEWNET);
            } catch (LastErrorException e) {
                throw new NetlinkException("cannot enter network namespace " + netns.get() + ": errno " + e.getErrorCode(),
                        e.getErrorCode());
            } finally {
                closeQuietly(nsFd);
            }
        }
        int fd;
        try {
            fd = c.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw new NetlinkException("cannot open netlink socket (protocol " + protocol + "): errno " + e.getErrorCode(),
                    e.getErrorCode());
        }
        try {
            // struct timeval { long tv_sec; long tv_usec; } on LP64.
            ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            tv.putLong(timeout.toSeconds()).putLong((timeout.toMillis() % 1000) * 1000);
            c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv.array(), 16);
        } catch (LastErrorException e) {
            closeQuietly(fd);
            throw new NetlinkException("cannot set netlink receive timeout: errno " + e.getErrorCode(), e.getErrorCode());
        }
        return new NetlinkSocket(fd, protocol);
    }

    private static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // close(2) failing leaves nothing to recover, but say so.
                LOG.warn("close of netlink descriptor {} failed: errno {}", fd, e.getErrorCode());
            }
        }
    }

    public int nextSequence() {
        return sequence.incrementAndGet();
    }

    /**
     * Sends {@code message} (its sequence number must come from {@link #nextSequence()}) and
     * returns the reply messages for it, excluding the final ACK. A kernel error becomes a
     * NetlinkException with the errno.
     */
    public synchronized List<NlMessage> request(NlMessage message, int replyHeaderLength) throws NetlinkException {
        if (closed) {
            throw new NetlinkException("netlink socket is closed", 0);
        }
        byte[] bytes = message.encode();
        try {
            LibC.INSTANCE.send(fd, bytes, new NativeLong(bytes.length), 0);
        } catch (LastErrorException e) {
            throw new NetlinkException("netlink send failed: errno " + e.getErrorCode(), e.getErrorCode());
        }
        List<NlMessage> replies = new ArrayList<>();
        byte[] buffer = new byte[RECV_BUFFER];
        for (int i = 0; i < MAX_DATAGRAMS; i++) {
            int n;
            try {
                n = LibC.INSTANCE.recv(fd, buffer, new NativeLong(buffer.length), 0).intValue();
            } catch (LastErrorException e) {
                String what = e.getErrorCode() == LibC.EAGAIN ? "no netlink reply within the timeout" : "netlink recv failed";
                throw new NetlinkException(what + ": errno " + e.getErrorCode(), e.getErrorCode());
            }
            for (NlMessage reply : NlMessage.decodeAll(buffer, n, replyHeaderLength)) {
                if (reply.sequence() != message.sequence()) {
                    continue; // a late reply to an earlier, timed-out request
                }
                if (reply.type() == NlMessage.NLMSG_ERROR) {
                    int code = reply.errorCode();
                    if (code == 0) {
                        return replies;
                    }
                    throw new NetlinkException("kernel refused netlink request type " + message.type()
                            + ": errno " + -code + " (" + Errno.name(-code) + ")", -code);
                }
                if (reply.type() == NlMessage.NLMSG_DONE) {
                    return replies;
                }
                replies.add(reply);
            }
        }
        throw new NetlinkException("netlink reply longer than " + MAX_DATAGRAMS + " datagrams", 0);
    }

    public int protocol() {
        return protocol;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(fd);
        }
    }
}
