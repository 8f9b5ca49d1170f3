package org.hearthmail.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.hearthmail.relay.gate.ConnectionLimits;
import org.hearthmail.relay.gate.DnsListZone;
import org.hearthmail.relay.gate.FcrdnsMode;
import org.hearthmail.relay.passthrough.PassthroughRoute;
import org.hearthmail.seal.SealPrivateKey;
import org.junit.jupiter.api.Test;

/** relay.toml's [gate], [passthrough] and [spool] tables. */
class EdgeSectionsTest {

    private static final String MINIMAL = "hostname = \"mx.example.org\"\ndomains = [\"example.org\"]\n";

    @Test
    void withoutTheTablesTheGateIsOnWithAThreeSecondWaitAndThereAreNoRoutesAndNoSpool() {
        RelayConfig c = RelayConfigLoader.parse(MINIMAL);
        assertThat(c.gate()).isEqualTo(RelayConfig.Gate.DEFAULT);
        assertThat(c.gate().enabled()).isTrue();
        assertThat(c.gate().pregreetDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.gate().dnsLists()).isEmpty();
        assertThat(c.gate().fcrdns()).isEqualTo(FcrdnsMode.SCORE);
        assertThat(c.passthrough().routes()).isEmpty();
        assertThat(c.spool().mailstoreKey()).isEmpty();
        assertThat(c.spool().recipientCacheSalt()).isEmpty();
        assertThat(c.spool().recipientCache()).isEqualTo(Path.of("rcptcache.bin"));
    }

    @Test
    void gateKeysAreReadIntoTheGateConfig() {
        RelayConfig c = RelayConfigLoader.parse(MINIMAL + "[gate]\nenabled = true\npregreet_delay = \"0s\"\n"
                + "dns_lists = [\"zen.example=2\", \"Allow.Example.=-5\"]\nthreshold = 3\nfcrdns = \"required\"\n"
                + "fcrdns_weight = 2\n");
        assertThat(c.gate().pregreetDelay()).isZero();
        assertThat(c.gate().dnsLists()).containsExactly(new DnsListZone("zen.example", 2), new DnsListZone("allow.example", -5));
        var g = c.gate().toGateConfig();
        assertThat(g.pregreetDelay()).isZero();
        assertThat(g.screening().threshold()).isEqualTo(3);
        assertThat(g.screening().fcrdns()).isEqualTo(FcrdnsMode.REQUIRED);
        assertThat(g.screening().fcrdnsWeight()).isEqualTo(2);
        assertThat(g.screening().zones()).hasSize(2);
        assertThat(RelayConfigLoader.parse(MINIMAL + "[gate]\npregreet_delay = \"500ms\"\nfcrdns = \"off\"\n").gate())
                .satisfies(x -> {
                    assertThat(x.pregreetDelay()).isEqualTo(Duration.ofMillis(500));
                    assertThat(x.fcrdns()).isEqualTo(FcrdnsMode.OFF);
                });
        assertThat(RelayConfigLoader.parse(MINIMAL + "[gate]\nenabled = false\n").gate().enabled()).isFalse();
    }

    @Test
    void connectionLimitsDefaultToTheMxAndClientPortDefaultsAndAreReadFromBothTables() {
        RelayConfig d = RelayConfigLoader.parse(MINIMAL);
        assertThat(d.gate().limits()).isEqualTo(ConnectionLimits.mxDefaults());
        assertThat(d.passthrough().limits()).isEqualTo(ConnectionLimits.clientPortDefaults());
        RelayConfig c = RelayConfigLoader.parse(MINIMAL + "[gate]\nmax_connections_per_address = 3\n"
                + "max_connections_per_network = 12\nconnections_per_minute = 30\nconnection_burst = 5\n"
                + "[passthrough]\nmax_connections_per_address = 80\n");
        ConnectionLimits mx = c.gate().toGateConfig().limits();
        assertThat(mx.perAddress()).isEqualTo(3);
        assertThat(mx.perNetwork()).isEqualTo(12);
        assertThat(mx.ratePerMinute()).isEqualTo(30.0);
        assertThat(mx.burst()).isEqualTo(5);
        assertThat(c.passthrough().limits().perAddress()).isEqualTo(80);
        assertThat(c.passthrough().limits().perNetwork()).isEqualTo(ConnectionLimits.clientPortDefaults().perNetwork());
    }

    @Test
    void badConnectionLimitsNameTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\nmax_connections_per_address = 0\n"))
                .hasMessage("relay.toml: gate.max_connections_per_address: 0 is out of range (1 to 10000)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\nmax_connections_per_address = 40\n"))
                .hasMessageContaining("gate.max_connections_per_network: 30 is below max_connections_per_address (40)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[passthrough]\nconnection_burst = -1\n"))
                .hasMessage("relay.toml: passthrough.connection_burst: -1 is out of range (1 to 100000)");
    }

    @Test
    void badGateValuesNameTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\npregreet_delay = \"3 seconds\"\n"))
                .hasMessage("relay.toml: gate.pregreet_delay: \"3 seconds\" is not a duration such as \"3s\", \"500ms\", \"1m\", \"4h\" or \"5d\"");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\npregreet_delay = \"2m\"\n"))
                .hasMessageStartingWith("relay.toml: gate.pregreet_delay: 120000 ms is out of range");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\ndns_lists = [\"zen.example\"]\n"))
                .hasMessageStartingWith("relay.toml: gate.dns_lists: \"zen.example\" is not \"zone=weight\"");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\ndns_lists = [\"zen.example=0\"]\n"))
                .hasMessageStartingWith("relay.toml: gate.dns_lists: \"zen.example=0\": ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\ndns_lists = [\"zen.example=x\"]\n"))
                .hasMessageStartingWith("relay.toml: gate.dns_lists: ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\nthreshold = 0\n"))
                .hasMessage("relay.toml: gate.threshold: 0 is out of range (1 to 1000)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\nfcrdns = \"strict\"\n"))
                .hasMessage("relay.toml: gate.fcrdns: \"strict\" is not one of \"off\", \"score\", \"required\"");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\nenabled = \"yes\"\n"))
                .hasMessageStartingWith("relay.toml: gate.enabled: ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[gate]\ngreet_wait = \"1s\"\n"))
                .hasMessageStartingWith("relay.toml: unknown key gate.greet_wait");
    }

    @Test
    void passthroughRoutesAreListenEqualsTarget() {
        RelayConfig c = RelayConfigLoader.parse(MINIMAL + "[passthrough]\nroutes = [\"0.0.0.0:993=10.77.0.2:993\", "
                + "\"[::]:465 = 10.77.0.2:10465\"]\n");
        assertThat(c.passthrough().routes()).containsExactly(
                new PassthroughRoute(new InetSocketAddress("0.0.0.0", 993), new InetSocketAddress("10.77.0.2", 993)),
                new PassthroughRoute(new InetSocketAddress("::", 465), new InetSocketAddress("10.77.0.2", 10465)));
    }

    @Test
    void badRoutesNameTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[passthrough]\nroutes = [\"0.0.0.0:993\"]\n"))
                .hasMessageStartingWith("relay.toml: passthrough.routes: \"0.0.0.0:993\" is not \"listen=target\"");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[passthrough]\nroutes = [\"0.0.0.0:993=home.example:993\"]\n"))
                .hasMessageStartingWith("relay.toml: passthrough.routes: \"0.0.0.0:993=home.example:993\": ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[passthrough]\nroutes = "
                + "[\"0.0.0.0:993=10.77.0.2:993\", \"0.0.0.0:993=10.77.0.2:994\"]\n"))
                .hasMessage("relay.toml: passthrough.routes: listen address 0.0.0.0:993 is used twice");
    }

    @Test
    void spoolKeysAreRead() {
        String key = SealPrivateKey.generate().publicKey().toBase64();
        byte[] salt = new byte[32];
        salt[0] = 7;
        RelayConfig c = RelayConfigLoader.parse(MINIMAL + "[spool]\nmailstore_key = \"" + key + "\"\nmax_bytes = \"2G\"\n"
                + "recipient_cache = \"cache/rcpt.bin\"\nrecipient_cache_salt = \"" + Base64.getEncoder().encodeToString(salt) + "\"\n"
                + "retry_max = \"2s\"\nrecipient_cache_max_age = \"3d\"\n");
        assertThat(c.spool().retryMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.spool().recipientCacheMaxAge()).isEqualTo(Duration.ofDays(3));
        assertThat(RelayConfigLoader.parse(MINIMAL).spool().recipientCacheMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(c.spool().mailstoreKey()).hasValueSatisfying(k -> assertThat(k.toBase64()).isEqualTo(key));
        assertThat(c.spool().maxBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(c.spool().recipientCache()).isEqualTo(Path.of("cache/rcpt.bin"));
        assertThat(c.spool().recipientCacheSalt()).hasValueSatisfying(s -> assertThat(s).isEqualTo(salt));
    }

    @Test
    void badSpoolValuesNameTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[spool]\nmailstore_key = \"c2hvcnQ=\"\n"))
                .hasMessageStartingWith("relay.toml: spool.mailstore_key: not an X25519 public key");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[spool]\nmax_bytes = \"10K\"\n"))
                .hasMessage("relay.toml: spool.max_bytes: 10240 bytes is too small (at least 1M)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[spool]\nrecipient_cache = \"../x\"\n"))
                .hasMessageStartingWith("relay.toml: spool.recipient_cache: ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[spool]\nrecipient_cache_salt = \"c2hvcnQ=\"\n"))
                .hasMessage("relay.toml: spool.recipient_cache_salt: must be at least 16 bytes");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[spool]\nrecipient_cache_max_age = \"30m\"\n"))
                .hasMessage("relay.toml: spool.recipient_cache_max_age: 30 minutes is out of range (2h to 365d)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[spool]\nretry_max = \"0s\"\n"))
                .hasMessage("relay.toml: spool.retry_max: 0 ms is out of range (1s to 60m)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[spool]\nmailstore_key = 5\n"))
                .hasMessageStartingWith("relay.toml: spool.mailstore_key: expected a string");
    }
}
