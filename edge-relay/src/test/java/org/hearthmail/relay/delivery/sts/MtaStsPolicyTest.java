package org.hearthmail.relay.delivery.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8461 §3.1, §3.2 and §4.1 rules. */
class MtaStsPolicyTest {

    @Test
    void validPolicyParsesWithCrlfOrLfAndCapsMaxAge() {
        MtaStsPolicy p = MtaStsPolicy.parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 9999999999\r\n").orElseThrow();
        assertThat(p.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(p.mx()).containsExactly("mail.example.com", "*.example.net");
        assertThat(p.maxAgeSeconds()).isEqualTo(MtaStsPolicy.MAX_AGE_LIMIT);
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: testing\nmx: a.b\nmax_age: 86400\n")).isPresent();
    }

    @Test
    void policyWithoutVersionModeMaxAgeOrMxIsInvalid() {
        assertThat(MtaStsPolicy.parse("mode: enforce\nmx: a.b\nmax_age: 1\n")).isEmpty();
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: strict\nmx: a.b\nmax_age: 1\n")).isEmpty();
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.b\n")).isEmpty();
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmax_age: 5\n")).isEmpty();
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 5\n")).isPresent();
    }

    @Test
    void wildcardMatchesExactlyOneLeftMostLabel() {
        MtaStsPolicy p = MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.example.net\nmx: mail.example.com\nmax_age: 5\n").orElseThrow();
        assertThat(p.allows("mx1.example.net")).isTrue();
        assertThat(p.allows("MX1.Example.NET")).isTrue();
        assertThat(p.allows("example.net")).isFalse();
        assertThat(p.allows("a.mx1.example.net")).isFalse();
        assertThat(p.allows("mail.example.com")).isTrue();
        assertThat(p.allows("other.example.com")).isFalse();
    }

    @Test
    void exactlyOneStsTxtRecordWithAnIdIsRequired() {
        assertThat(MtaStsRecord.select(List.of("v=STSv1; id=20160831085700Z;"))).contains(new MtaStsRecord("20160831085700Z"));
        assertThat(MtaStsRecord.select(List.of("v=spf1 -all", "v=STSv1; id=abc"))).contains(new MtaStsRecord("abc"));
        assertThat(MtaStsRecord.select(List.of("v=STSv1; id=a;", "v=STSv1; id=b;"))).isEmpty();
        assertThat(MtaStsRecord.select(List.of("v=STSv1; foo=bar;"))).isEmpty();
        assertThat(MtaStsRecord.select(List.of())).isEmpty();
    }
}
