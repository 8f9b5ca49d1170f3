package org.hearthmail.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random input into the trusted-source pipeline never escapes it and never leaks a buffer. */
class ProxyProtocolFuzzTest {

    static final ProxyProtocolConfig CONFIG = ProxyProtocolConfig.trusting(CidrSet.of("10.77.0.0/24"));

    @BeforeContainer
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Property(tries = 400)
    void randomInputNeverThrowsNorLeaks(@ForAll("inputs") byte[] input, @ForAll @IntRange(min = 0, max = 400) int cut)
            throws Exception {
        PeerChannel channel = new PeerChannel(PeerChannel.RELAY, CONFIG);
        int at = Math.min(cut, input.length);
        channel.feed(ProxyHeaders.splitAt(input, at));
        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.checkException();
        // Either the header was accepted (one event, before any data) or the connection is closed.
        assertThat(channel.recorder.dataBeforeEvent).isFalse();
        assertThat(channel.recorder.events.size()).isLessThanOrEqualTo(1);
        assertThat(channel.isOpen()).isEqualTo(channel.recorder.events.size() == 1);
        channel.drainInbound();
        channel.finishAndReleaseAll();
        channel.checkException();
        assertThat(channel.alloc.unreleased()).isEmpty();
    }

    /** Plain noise, and noise behind a valid v1 or v2 prefix so the deeper decoder paths are reached. */
    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> v1 = noise.map(n -> ProxyHeaders.concat(ProxyHeaders.ascii("PROXY "), n));
        Arbitrary<byte[]> v1Tcp = Arbitraries.strings().withChars("0123456789.: TCP46UNKOWabcdef\r\n").ofMaxLength(120)
                .map(s -> ProxyHeaders.ascii("PROXY " + s));
        Arbitrary<byte[]> v2 = noise.map(n -> ProxyHeaders.concat(ProxyHeaders.V2_SIGNATURE, n));
        Arbitrary<byte[]> v2Shaped = Arbitraries.of(0x20, 0x21, 0x22, 0x11).flatMap(cmd ->
                Arbitraries.of(0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32, 0x41).flatMap(fam ->
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(260).map(body -> ProxyHeaders.concat(
                                ProxyHeaders.V2_SIGNATURE, new byte[] {(byte) (int) cmd, (byte) (int) fam,
                                        (byte) (body.length >>> 8), (byte) body.length}, body))));
        return Arbitraries.oneOf(List.of(noise, v1, v1Tcp, v2, v2Shaped));
    }
}
