package org.hearthmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearthmail.proxy.ProxyHeaders.*;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxyProtocolHandlerUntrustedTest {

    static final CidrSet TRUSTED = CidrSet.of("10.77.0.0/24");
    static final ProxyProtocolConfig CLOSE = ProxyProtocolConfig.trusting(TRUSTED);
    static final ProxyProtocolConfig PLAIN = CLOSE.withUntrustedPolicy(UntrustedHeaderPolicy.TREAT_AS_PLAIN);
    static final ProxiedAddress STRANGER_DIRECT = new ProxiedAddress(PeerChannel.STRANGER, PeerChannel.MAILSTORE,
            ProxiedAddress.Transport.TCP, ProxiedAddress.Origin.DIRECT);
    static final byte[] V1_HEADER = ascii("PROXY TCP4 192.0.2.10 203.0.113.5 51234 25\r\nEHLO x\r\n");

    private PeerChannel channel;

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void everyBufferReleased() throws Exception {
        if (channel != null) {
            channel.checkException();
            channel.finishAndReleaseAll();
            assertThat(channel.alloc.unreleased()).isEmpty();
        }
    }

    @Test
    void untrustedPeerIsResolvedToItsRealAddressBeforeSendingAnything() {
        channel = new PeerChannel(PeerChannel.STRANGER, CLOSE);
        assertThat(channel.recorder.events).containsExactly(new ClientAddressResolved(STRANGER_DIRECT));
        assertThat(ProxyAttributes.client(channel)).isEqualTo(STRANGER_DIRECT);
        assertThat(channel.recorder.activeCount).isEqualTo(1);
    }

    @Test
    void plainSmtpFromUntrustedPeerPassesIntactAtEverySplit() {
        byte[] input = ascii("EHLO client.example\r\n");
        for (int i = 1; i <= input.length; i++) {
            channel = new PeerChannel(PeerChannel.STRANGER, CLOSE);
            channel.feed(i == input.length ? singleBytes(input) : splitAt(input, i));
            assertThat(channel.drainInbound()).isEqualTo(input);
            assertThat(channel.isOpen()).isTrue();
            assertThat(channel.pipeline().get(ProxySignatureGuard.class)).isNull();
            channel.finishAndReleaseAll();
            assertThat(channel.alloc.unreleased()).isEmpty();
        }
    }

    @Test
    void partialSignatureThatThenDivergesIsPassedOnUnchanged() {
        channel = new PeerChannel(PeerChannel.STRANGER, CLOSE);
        channel.feed(List.of(ascii("PRO"), ascii("XIMITY\r\n")));
        assertThat(channel.drainInbound()).isEqualTo(ascii("PROXIMITY\r\n"));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void v1HeaderFromUntrustedPeerClosesTheConnectionAtEverySplit() {
        assertClosedAtEverySplit(V1_HEADER);
    }

    @Test
    void v2HeaderFromUntrustedPeerClosesTheConnectionAtEverySplit() {
        byte[] header = v2(CMD_PROXY, TCP4, ipv4Block(new int[] {192, 0, 2, 10}, new int[] {203, 0, 113, 5}, 1, 25),
                new byte[0]);
        assertClosedAtEverySplit(concat(header, ascii("EHLO x\r\n")));
    }

    @Test
    void untrustedHeaderIsNeverHonouredEvenWhenTreatedAsPlain() {
        channel = new PeerChannel(PeerChannel.STRANGER, PLAIN);
        channel.feed(splitAt(V1_HEADER, 7));
        assertThat(channel.drainInbound()).isEqualTo(V1_HEADER);
        assertThat(channel.isOpen()).isTrue();
        assertThat(ProxyAttributes.client(channel)).isEqualTo(STRANGER_DIRECT);
        assertThat(channel.recorder.events).containsExactly(new ClientAddressResolved(STRANGER_DIRECT));
    }

    @Test
    void emptyTrustedSetTreatsEveryPeerAsDirect() {
        channel = new PeerChannel(PeerChannel.RELAY, ProxyProtocolConfig.trusting(CidrSet.empty()));
        assertThat(ProxyAttributes.client(channel).origin()).isEqualTo(ProxiedAddress.Origin.DIRECT);
    }

    private void assertClosedAtEverySplit(byte[] input) {
        for (int i = 1; i <= input.length; i++) {
            channel = new PeerChannel(PeerChannel.STRANGER, CLOSE);
            channel.feed(i == input.length ? singleBytes(input) : splitAt(input, i));
            channel.runPendingTasks();
            assertThat(channel.isOpen()).as("closed after split at %d", i).isFalse();
            assertThat(channel.drainInbound()).isEmpty();
            assertThat(ProxyAttributes.client(channel)).isEqualTo(STRANGER_DIRECT);
            channel.finishAndReleaseAll();
            assertThat(channel.alloc.unreleased()).isEmpty();
        }
    }
}
