package org.hearthmail.relay.gate;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.hearthmail.dns.InetAddressLiteral;
import org.junit.jupiter.api.Test;

/** Admission and abuse signals with an injected clock. */
class ConnectionGateTest {

    private final MutableClock clock = new MutableClock();
    private final BanList bans = BanList.inMemory(clock, 100);

    private static InetAddress ip(String s) {
        return InetAddressLiteral.parse(s);
    }

    private ConnectionGate gate(ConnectionLimits limits) {
        GateConfig config = GateConfig.mxDefaults().withLimits(limits).withPregreetDelay(Duration.ZERO)
                .withAbuse(3, Duration.ofMinutes(10), Duration.ofHours(1));
        return new ConnectionGate(config, bans, null, clock);
    }

    @Test
    void bannedClientIsRefusedWith554NamingTheReasonUntilTheBanEnds() {
        ConnectionGate gate = gate(ConnectionLimits.mxDefaults());
        gate.ban(ip("192.0.2.1"), Duration.ofMinutes(30), "mailstore: repeated failed logins");
        Admission a = gate.admit(ip("192.0.2.1"));
        assertThat(a).isInstanceOfSatisfying(Admission.Refused.class, r -> assertThat(r.reply().render(true))
                .startsWith("554 5.7.1 ").contains("[192.0.2.1]", "repeated failed logins"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(gate.admit(ip("192.0.2.1"))).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void limitHitIsA421WithEnhancedCode470() {
        ConnectionGate gate = gate(new ConnectionLimits(1, 5, 600, 100, 100));
        assertThat(gate.admit(ip("192.0.2.1"))).isInstanceOf(Admission.Admitted.class);
        assertThat(gate.admit(ip("192.0.2.1"))).isInstanceOfSatisfying(Admission.Refused.class, r ->
                assertThat(r.reply().render(true)).startsWith("421 4.7.0 Too many concurrent connections from [192.0.2.1]"));
    }

    @Test
    void earlyTalkerIsBannedAtOnce() {
        ConnectionGate gate = gate(ConnectionLimits.mxDefaults());
        assertThat(gate.report(ip("192.0.2.1"), AbuseSignal.EARLY_TALKER)).isTrue();
        assertThat(bans.find(ip("192.0.2.1"))).hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo("early talker"));
    }

    @Test
    void repeatedProtocolErrorsWithinTheWindowBanButSpreadOutOnesDoNot() {
        ConnectionGate gate = gate(ConnectionLimits.mxDefaults());
        assertThat(gate.report(ip("192.0.2.1"), AbuseSignal.PROTOCOL_ERRORS)).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(gate.report(ip("192.0.2.1"), AbuseSignal.PROTOCOL_ERRORS)).isFalse();
        clock.advance(Duration.ofMinutes(6));
        // The first report has left the 10 minute window: two in the window.
        assertThat(gate.report(ip("192.0.2.1"), AbuseSignal.PROTOCOL_ERRORS)).isFalse();
        assertThat(bans.find(ip("192.0.2.1"))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(gate.report(ip("192.0.2.1"), AbuseSignal.PROTOCOL_ERRORS)).isTrue();
        assertThat(gate.admit(ip("192.0.2.1"))).isInstanceOf(Admission.Refused.class);
        clock.advance(Duration.ofHours(1));
        assertThat(gate.admit(ip("192.0.2.1"))).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void hammeringPastTheRateLimitLeadsToABan() {
        ConnectionGate gate = gate(new ConnectionLimits(100, 100, 1, 2, 100));
        for (int i = 0; i < 2; i++) {
            ((Admission.Admitted) gate.admit(ip("198.51.100.7"))).permit().close();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(gate.admit(ip("198.51.100.7"))).isInstanceOf(Admission.Refused.class);
        }
        assertThat(bans.find(ip("198.51.100.7"))).isPresent();
    }
}
