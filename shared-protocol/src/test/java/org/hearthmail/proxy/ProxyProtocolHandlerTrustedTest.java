package org.hearthmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearthmail.proxy.ProxyHeaders.*;

import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.ResourceLeakDetector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyProtocolHandlerTrustedTest {

    static final ProxyProtocolConfig CONFIG = ProxyProtocolConfig.trusting(CidrSet.of("10.77.0.0/24", "fd00:77::/64"))
            .withHeaderTimeout(Duration.ofSeconds(5));
    static final byte[] PAYLOAD = ascii("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");

    private PeerChannel channel;

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void everyBufferReleased() {
        if (channel != null) {
            channel.finishAndReleaseAll();
            assertThat(channel.alloc.unreleased()).isEmpty();
        }
    }

    // --- success cases, each fed split at every byte position and as single bytes ---

    @Test
    void v1Tcp4HeaderGivesOriginalAddressesAndPassesTrailingBytesIntact() throws Exception {
        byte[] header = ascii("PROXY TCP4 192.0.2.10 203.0.113.5 51234 25\r\n");
        assertEverySplit(concat(header, PAYLOAD), expected(tcp("192.0.2.10", 51234), tcp("203.0.113.5", 25)));
    }

    @Test
    void v1Tcp6HeaderGivesOriginalIpv6Addresses() throws Exception {
        byte[] header = ascii("PROXY TCP6 2001:db8::1 2001:db8:0:1::25 51234 25\r\n");
        assertEverySplit(concat(header, PAYLOAD), expected(tcp("2001:db8::1", 51234), tcp("2001:db8:0:1::25", 25)));
    }

    @Test
    void v1UnknownUsesRealConnectionEndpoints() throws Exception {
        // proxy-protocol.txt §2.1: with UNKNOWN the receiver ignores the rest of the line.
        byte[] header = ascii("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n");
        assertEverySplit(concat(header, PAYLOAD), connectionEndpoints());
    }

    @Test
    void v2Tcp4HeaderGivesOriginalAddresses() throws Exception {
        byte[] header = v2(CMD_PROXY, TCP4, ipv4Block(new int[] {192, 0, 2, 10}, new int[] {203, 0, 113, 5}, 51234, 587),
                new byte[0]);
        assertEverySplit(concat(header, PAYLOAD), expected(tcp("192.0.2.10", 51234), tcp("203.0.113.5", 587)));
    }

    @Test
    void v2Tcp6HeaderGivesOriginalIpv6Addresses() throws Exception {
        byte[] header = v2(CMD_PROXY, TCP6, ipv6Block(addr("2001:db8::1").getAddress(),
                addr("2001:db8::25").getAddress(), 1, 65535), new byte[0]);
        assertEverySplit(concat(header, PAYLOAD), expected(tcp("2001:db8::1", 1), tcp("2001:db8::25", 65535)));
    }

    @Test
    void v2Udp4HeaderIsReportedAsUdp() throws Exception {
        byte[] header = v2(CMD_PROXY, UDP4, ipv4Block(new int[] {192, 0, 2, 1}, new int[] {192, 0, 2, 2}, 53, 53),
                new byte[0]);
        ProxiedAddress udp = new ProxiedAddress(tcp("192.0.2.1", 53), tcp("192.0.2.2", 53),
                ProxiedAddress.Transport.UDP, ProxiedAddress.Origin.PROXY_HEADER);
        assertEverySplit(concat(header, PAYLOAD), udp);
    }

    @Test
    void v2HeaderWithTlvsIsDecodedAndTheTlvBuffersReleased() throws Exception {
        byte[] sslSubTlv = tlv(0x21, ascii("TLSv1.3"));
        byte[] ssl = tlv(0x20, concat(new byte[] {0x01, 0, 0, 0, 0}, sslSubTlv));
        byte[] tlvs = concat(tlv(0x01, ascii("smtp")), tlv(0x02, ascii("mx.example.org")), ssl,
                tlv(0xE0, new byte[] {1, 2, 3}));
        byte[] header = v2(CMD_PROXY, TCP4, ipv4Block(new int[] {198, 51, 100, 9}, new int[] {203, 0, 113, 5}, 40001, 993),
                tlvs);
        assertEverySplit(concat(header, PAYLOAD), expected(tcp("198.51.100.9", 40001), tcp("203.0.113.5", 993)));
    }

    @Test
    void v2LocalCommandUsesRealConnectionEndpointsAndIgnoresTheAddressBlock() throws Exception {
        // proxy-protocol.txt §2.2: LOCAL -> use the real connection endpoints, discard the block.
        byte[] header = v2(CMD_LOCAL, TCP4, ipv4Block(new int[] {192, 0, 2, 10}, new int[] {203, 0, 113, 5}, 1, 2),
                new byte[0]);
        assertEverySplit(concat(header, PAYLOAD), connectionEndpoints());
    }

    @Test
    void v2LocalCommandWithoutAddressesUsesRealConnectionEndpoints() throws Exception {
        assertEverySplit(concat(v2(CMD_LOCAL, UNSPEC, new byte[0], new byte[0]), PAYLOAD), connectionEndpoints());
    }

    @Test
    void v2UnspecifiedFamilyUsesRealConnectionEndpoints() throws Exception {
        assertEverySplit(concat(v2(CMD_PROXY, UNSPEC, new byte[0], new byte[0]), PAYLOAD), connectionEndpoints());
    }

    @Test
    void v2UnixFamilyUsesRealConnectionEndpoints() throws Exception {
        byte[] block = new byte[216];
        System.arraycopy(ascii("/run/src.sock"), 0, block, 0, 13);
        System.arraycopy(ascii("/run/dst.sock"), 0, block, 108, 13);
        assertEverySplit(concat(v2(CMD_PROXY, UNIX_STREAM, block, new byte[0]), PAYLOAD), connectionEndpoints());
    }

    @Test
    void headerAloneResolvesTheClientWithoutForwardingAnyBytes() throws Exception {
        byte[] header = ascii("PROXY TCP4 192.0.2.10 203.0.113.5 51234 25\r\n");
        channel = new PeerChannel(PeerChannel.RELAY, CONFIG);
        channel.feed(List.of(header));
        assertThat(channel.recorder.events).hasSize(1);
        assertThat(channel.drainInbound()).isEmpty();
        assertProxyHandlersGone();
    }

    @Test
    void ipv6TrustedSourceIsRecognised() throws Exception {
        channel = new PeerChannel(new InetSocketAddress(addr("fd00:77::1"), 40000), CONFIG);
        channel.feed(List.of(concat(ascii("PROXY TCP4 192.0.2.10 203.0.113.5 51234 25\r\n"), PAYLOAD)));
        assertThat(channel.recorder.events).extracting(e -> e.client().source()).containsExactly(tcp("192.0.2.10", 51234));
        assertThat(channel.drainInbound()).isEqualTo(PAYLOAD);
    }

    @Test
    void timeoutIsCancelledOnceTheHeaderArrived() throws Exception {
        channel = new PeerChannel(PeerChannel.RELAY, CONFIG);
        channel.feed(List.of(ascii("PROXY TCP4 192.0.2.10 203.0.113.5 51234 25\r\n")));
        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
    }

    // --- rejections: closed, no event, nothing forwarded, nothing thrown ---

    @Test
    void plainSmtpFromTrustedSourceIsClosedBecauseTheHeaderIsRequired() throws Exception {
        assertRejectedAtEverySplit(ascii("EHLO client.example\r\n"));
    }

    @Test
    void v1WithBadAddressIsClosed() throws Exception {
        assertRejectedAtEverySplit(ascii("PROXY TCP4 999.0.2.10 203.0.113.5 51234 25\r\nEHLO x\r\n"));
    }

    @Test
    void v1WithPortOutOfRangeIsClosed() throws Exception {
        assertRejectedAtEverySplit(ascii("PROXY TCP4 192.0.2.10 203.0.113.5 65536 25\r\n"));
    }

    @Test
    void v1WithIpv6AddressUnderTcp4IsClosed() throws Exception {
        assertRejectedAtEverySplit(ascii("PROXY TCP4 2001:db8::1 203.0.113.5 1 25\r\n"));
    }

    @Test
    void v1LineLongerThan107BytesIsClosed() throws Exception {
        // proxy-protocol.txt §2.1: a v1 header is at most 107 bytes including CRLF.
        assertRejectedAtEverySplit(ascii("PROXY UNKNOWN " + "x".repeat(120) + "\r\n"));
    }

    @Test
    void v2WithUnsupportedVersionIsClosed() throws Exception {
        assertRejectedAtEverySplit(v2(0x31, TCP4, ipv4Block(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8}, 1, 2),
                new byte[0]));
    }

    @Test
    void v2WithUnknownCommandIsClosed() throws Exception {
        assertRejectedAtEverySplit(v2(0x2F, TCP4, ipv4Block(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8}, 1, 2),
                new byte[0]));
    }

    @Test
    void v2WithAddressBlockShorterThanTheFamilyNeedsIsClosed() throws Exception {
        assertRejectedAtEverySplit(v2(CMD_PROXY, TCP6, new byte[12], new byte[0]));
    }

    @Test
    void v2WithTlvsOverTheConfiguredLimitIsClosed() throws Exception {
        // Netty allows maxTlvBytes plus the 216-byte v2 address area.
        byte[] tlvs = tlv(0xE0, new byte[ProxyProtocolConfig.DEFAULT_MAX_TLV_BYTES + 250]);
        byte[] header = v2(CMD_PROXY, TCP4, ipv4Block(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8}, 1, 2), tlvs);
        channel = new PeerChannel(PeerChannel.RELAY, CONFIG);
        channel.feed(List.of(header));
        assertRejected();
    }

    @Test
    void silentTrustedPeerIsClosedAfterTheHeaderTimeout() throws Exception {
        channel = new PeerChannel(PeerChannel.RELAY, CONFIG);
        channel.feed(List.of(ascii("PROXY TCP4 192.0.2")));
        channel.advanceTimeBy(4, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertRejected();
    }

    // --- helpers ---

    private void assertEverySplit(byte[] input, ProxiedAddress expected) throws Exception {
        List<Function<byte[], List<byte[]>>> splitters = new java.util.ArrayList<>();
        for (int i = 1; i < input.length; i++) {
            int at = i;
            splitters.add(in -> splitAt(in, at));
        }
        splitters.add(ProxyHeaders::singleBytes);
        splitters.add(List::of);
        for (Function<byte[], List<byte[]>> splitter : splitters) {
            channel = new PeerChannel(PeerChannel.RELAY, CONFIG);
            channel.feed(splitter.apply(input));
            assertThat(channel.recorder.events).containsExactly(new ClientAddressResolved(expected));
            assertThat(ProxyAttributes.client(channel)).isEqualTo(expected);
            assertThat(channel.drainInbound()).isEqualTo(PAYLOAD);
            assertThat(channel.recorder.dataBeforeEvent).isFalse();
            assertThat(channel.recorder.activeCount).isEqualTo(1);
            assertThat(channel.isOpen()).isTrue();
            assertProxyHandlersGone();
            channel.checkException();
            everyBufferReleased();
        }
        channel = null;
    }

    private void assertRejectedAtEverySplit(byte[] input) throws Exception {
        for (int i = 1; i <= input.length; i++) {
            channel = new PeerChannel(PeerChannel.RELAY, CONFIG);
            channel.feed(i == input.length ? singleBytes(input) : splitAt(input, i));
            if (channel.isOpen()) {
                // Incomplete but not yet invalid: the timeout closes it.
                channel.advanceTimeBy(6, TimeUnit.SECONDS);
                channel.runScheduledPendingTasks();
            }
            assertRejected();
            everyBufferReleased();
        }
        channel = null;
    }

    private void assertRejected() throws Exception {
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("closed").isFalse();
        assertThat(channel.recorder.events).isEmpty();
        assertThat(ProxyAttributes.client(channel)).isNull();
        assertThat(channel.drainInbound()).isEmpty();
        channel.checkException();
    }

    private void assertProxyHandlersGone() {
        assertThat(channel.pipeline().get(HAProxyMessageDecoder.class)).isNull();
        assertThat(channel.pipeline().get(ProxyHeaderReader.class)).isNull();
        assertThat(channel.pipeline().get(ProxyProtocolHandler.class)).isNull();
    }

    private static ProxiedAddress expected(InetSocketAddress source, InetSocketAddress destination) {
        return new ProxiedAddress(source, destination, ProxiedAddress.Transport.TCP, ProxiedAddress.Origin.PROXY_HEADER);
    }

    private static ProxiedAddress connectionEndpoints() {
        return new ProxiedAddress(PeerChannel.RELAY, PeerChannel.MAILSTORE, ProxiedAddress.Transport.TCP,
                ProxiedAddress.Origin.PROXY_CONNECTION);
    }

    static InetSocketAddress tcp(String ip, int port) {
        return new InetSocketAddress(addr(ip), port);
    }

    static InetAddress addr(String ip) {
        try {
            return InetAddress.getByAddress(io.netty.util.NetUtil.createByteArrayFromIpAddressString(ip));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
