package org.hearthmail.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogPrivacyTest {
    private static final Clock DAY1 = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void domainModeCutsIpsToTheirNetworkAndAddressesToTheirDomain() throws Exception {
        LogPrivacy p = new LogPrivacy(AddressLogging.DOMAIN, DAY1);
        assertThat(p.ip(InetAddress.getByName("203.0.113.77"))).isEqualTo("203.0.113.0/24");
        assertThat(p.ip(InetAddress.getByName("2001:db8:1:2:3::9"))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        assertThat(p.address("Alice.Smith@Example.ORG")).isEqualTo("@example.org");
        assertThat(p.address("")).isEqualTo("<>");
        assertThat(p.ip(null)).isEqualTo("-");
    }

    @Test
    void fullModeKeepsEverything() throws Exception {
        LogPrivacy p = new LogPrivacy(AddressLogging.FULL, DAY1);
        assertThat(p.ip(InetAddress.getByName("203.0.113.77"))).isEqualTo("203.0.113.77");
        assertThat(p.address("alice@example.org")).isEqualTo("alice@example.org");
    }

    @Test
    void hashedModeIsStableWithinADayAndHidesTheLocalPartAndTheIp() throws Exception {
        LogPrivacy p = new LogPrivacy(AddressLogging.HASHED, DAY1);
        String a = p.address("alice@example.org");
        assertThat(a).matches("h:[0-9a-f]{10}@example\\.org").doesNotContain("alice");
        assertThat(p.address("ALICE@example.org")).isEqualTo(a);
        assertThat(p.address("bob@example.org")).isNotEqualTo(a);
        String ip = p.ip(InetAddress.getByName("203.0.113.77"));
        assertThat(ip).matches("h:[0-9a-f]{10}").doesNotContain("203");
        // Another process (or another day) has another key: nothing to compare across.
        assertThat(new LogPrivacy(AddressLogging.HASHED, DAY1).address("alice@example.org")).isNotEqualTo(a);
    }

    @Test
    void keywordsAreTheConfigValues() {
        assertThat(AddressLogging.of("hashed")).contains(AddressLogging.HASHED);
        assertThat(AddressLogging.of("Hashed")).isEmpty();
        assertThat(AddressLogging.DEFAULT.keyword()).isEqualTo("domain");
    }
}
