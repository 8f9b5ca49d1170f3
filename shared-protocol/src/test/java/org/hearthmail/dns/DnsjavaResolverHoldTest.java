package org.hearthmail.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * RFC 2308 §7.2 on real UDP sockets: after the server's host answered "port unreachable", queries
 * fail at once without being sent, for the configured hold only; then they go out again.
 */
class DnsjavaResolverHoldTest {

    private static final Duration HOLD = Duration.ofSeconds(3);
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void afterPortUnreachableQueriesFailUnsentForTheHoldAndAreAskedAgainAfterIt() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        DnsjavaResolver dns = new DnsjavaResolver(new DnsjavaResolver.Config(server, Duration.ofSeconds(5), 1, HOLD), executor);

        DnsResult<String> first = dns.txt("example.test").join();
        assertThat(first).as("nothing listens: ICMP port unreachable").isInstanceOf(DnsResult.TempFail.class);
        assertThat(((DnsResult.TempFail<String>) first).cause()).isEqualTo(DnsResult.Cause.NETWORK);
        long failedAt = System.nanoTime();

        try (DatagramSocket responder = new DatagramSocket(server)) {
            AtomicInteger asked = new AtomicInteger();
            Thread answering = new Thread(() -> answer(responder, asked), "dns-responder");
            answering.setDaemon(true);
            answering.start();

            DnsResult<String> held = dns.txt("example.test").join();
            assertThat(System.nanoTime() - failedAt).as("still within the hold").isLessThan(HOLD.toNanos());
            assertThat(held).isInstanceOf(DnsResult.TempFail.class);
            assertThat(((DnsResult.TempFail<String>) held).detail()).contains("unreachable moments ago");
            assertThat(asked).as("the held query was not sent").hasValue(0);

            Thread.sleep(Math.max(0, HOLD.toMillis() - (System.nanoTime() - failedAt) / 1_000_000 + 100));
            assertThat(dns.txt("example.test").join().records()).containsExactly("v=spf1 -all");
            assertThat(asked).hasValue(1);
            responder.close();
            answering.join(10_000);
        }
    }

    @Test
    void holdLongerThanFiveMinutesIsRefused() {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);
        assertThatThrownBy(() -> new DnsjavaResolver.Config(server, Duration.ofSeconds(5), 1, Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 minutes");
    }

    /** Answers each query with one TXT record, until the socket is closed (at most 100 queries). */
    private static void answer(DatagramSocket socket, AtomicInteger asked) {
        byte[] buf = new byte[512];
        try {
            socket.setSoTimeout(20_000);
            for (int i = 0; i < 100; i++) {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                socket.receive(in);
                asked.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.RA);
                reply.addRecord(query.getQuestion(), Section.QUESTION);
                reply.addRecord(new TXTRecord(query.getQuestion().getName(), DClass.IN, 60, "v=spf1 -all"), Section.ANSWER);
                byte[] out = reply.toWire();
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            }
        } catch (SocketTimeoutException e) {
            // no more queries: the test is over
        } catch (java.io.IOException e) {
            if (!socket.isClosed()) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
