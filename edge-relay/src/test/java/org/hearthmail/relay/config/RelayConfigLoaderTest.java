package org.hearthmail.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hearthmail.config.HostPort;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.relay.checks.AuthPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayConfigLoaderTest {

    private static final String MINIMAL = "hostname = \"MX.Example.org\"\ndomains = [\"example.org\", \"bücher.example\"]\n";

    @Test
    void minimalFileTakesTheDefaults() {
        RelayConfig c = RelayConfigLoader.parse(MINIMAL);
        assertThat(c.hostname()).isEqualTo("mx.example.org");
        assertThat(c.domains()).containsExactly("example.org", "xn--bcher-kva.example");
        assertThat(c.inbound()).isEqualTo(RelayConfig.Inbound.DEFAULT);
        assertThat(c.mailstore().intake()).isEqualTo(HostPort.parse("10.77.0.2:10025"));
        assertThat(c.log().retentionDays()).isEqualTo(14);
        assertThat(c.auth()).isEqualTo(new RelayConfig.Auth("mx.example.org", AuthPolicy.REJECT));
        assertThat(c.dns().resolver()).isEmpty();
    }

    @Test
    void authAndDnsKeysAreRead() {
        RelayConfig c = RelayConfigLoader.parse(MINIMAL + "[auth]\nauthserv_id = \"Mail.Example.org\"\npolicy = \"quarantine\"\n"
                + "[dns]\nresolver = \"[::1]:5353\"\n");
        assertThat(c.auth()).isEqualTo(new RelayConfig.Auth("mail.example.org", AuthPolicy.QUARANTINE));
        assertThat(c.dns().resolver()).contains(HostPort.parse("[::1]:5353"));
        assertThat(RelayConfigLoader.parse(MINIMAL + "[auth]\npolicy = \"tag\"\n").auth().policy()).isEqualTo(AuthPolicy.TAG);
    }

    @Test
    void mailstoreLinkTimeoutsDefaultToFifteenAndSixtySecondsAndAreRead() {
        RelayConfig d = RelayConfigLoader.parse(MINIMAL);
        assertThat(d.mailstore().commandTimeout()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(d.mailstore().commitTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        RelayConfig c = RelayConfigLoader.parse(MINIMAL + "[mailstore]\nintake = \"10.77.0.2:10025\"\n"
                + "command_timeout = \"5s\"\ncommit_timeout = \"2m\"\n");
        assertThat(c.mailstore().commandTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(c.mailstore().commitTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
    }

    @Test
    void mailstoreLinkTimeoutsOutOfRangeNameTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[mailstore]\ncommand_timeout = \"500ms\"\n"))
                .hasMessage("relay.toml: mailstore.command_timeout: 500 ms is out of range (1s to 5m)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[mailstore]\ncommit_timeout = \"11m\"\n"))
                .hasMessage("relay.toml: mailstore.commit_timeout: 660000 ms is out of range (1s to 10m)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[mailstore]\ncommand_timeout = \"30s\"\ncommit_timeout = \"20s\"\n"))
                .hasMessage("relay.toml: mailstore.commit_timeout: 20000 ms is shorter than command_timeout (30000 ms)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[mailstore]\ncommand_timeout = \"soon\"\n"))
                .hasMessageStartingWith("relay.toml: mailstore.command_timeout: ");
    }

    @Test
    void badAuthAndDnsValuesNameTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[auth]\npolicy = \"drop\"\n"))
                .hasMessage("relay.toml: auth.policy: \"drop\" is not one of \"reject\", \"quarantine\", \"tag\"");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[auth]\nauthserv_id = \"not a host\"\n"))
                .hasMessageStartingWith("relay.toml: auth.authserv_id: ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[dns]\nresolver = \"dns.example:53\"\n"))
                .hasMessageStartingWith("relay.toml: dns.resolver: ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[dns]\nservers = []\n"))
                .hasMessageStartingWith("relay.toml: unknown key dns.servers");
    }

    @Test
    void resolverDefaultsToTheFirstNameserverOfResolvConf(@TempDir Path d) throws Exception {
        RelayConfig c = RelayConfigLoader.parse(MINIMAL);
        Path conf = d.resolve("resolv.conf");
        Files.writeString(conf, "# comment\nsearch example.org\nnameserver fe80::1%eth0\nnameserver 192.0.2.53\nnameserver 192.0.2.54\n");
        assertThat(RelayConfigLoader.resolver(c, conf)).isEqualTo(HostPort.parse("192.0.2.53:53"));
        Files.writeString(conf, "nameserver 2001:db8::53\n");
        assertThat(RelayConfigLoader.resolver(c, conf)).isEqualTo(HostPort.parse("[2001:db8::53]:53"));
        RelayConfig explicit = RelayConfigLoader.parse(MINIMAL + "[dns]\nresolver = \"127.0.0.1:5353\"\n");
        assertThat(RelayConfigLoader.resolver(explicit, conf)).isEqualTo(HostPort.parse("127.0.0.1:5353"));
    }

    @Test
    void noResolverAnywhereIsAClearError(@TempDir Path d) throws Exception {
        Path conf = d.resolve("resolv.conf");
        Files.writeString(conf, "search example.org\n");
        assertThatThrownBy(() -> RelayConfigLoader.resolver(RelayConfigLoader.parse(MINIMAL), conf))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("relay.toml: dns.resolver: not set, and ")
                .hasMessageContaining("[dns] resolver = \"IP:port\"");
        assertThatThrownBy(() -> RelayConfigLoader.resolver(RelayConfigLoader.parse(MINIMAL), d.resolve("absent")))
                .hasMessageContaining("names no usable nameserver");
    }

    @Test
    void wellKnownPublicResolversAreRecognised() {
        assertThat(ResolvConf.isWellKnownPublic(HostPort.parse("8.8.8.8:53").address())).isTrue();
        assertThat(ResolvConf.isWellKnownPublic(HostPort.parse("[2606:4700:4700::1111]:53").address())).isTrue();
        assertThat(ResolvConf.isWellKnownPublic(HostPort.parse("127.0.0.1:53").address())).isFalse();
    }

    @Test
    void everyKeyIsRead() {
        RelayConfig c = RelayConfigLoader.parse(MINIMAL + "[inbound]\nlisten = \"127.0.0.1:2525\"\nmax_message_size = \"10M\"\n"
                + "[mailstore]\nintake = \"127.0.0.1:10025\"\n[tls]\ncert = \"k/c.pem\"\nkey = \"k/k.pem\"\n[log]\nretention_days = 3\n");
        assertThat(c.inbound().listen()).isEqualTo(HostPort.parse("127.0.0.1:2525"));
        assertThat(c.inbound().maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.mailstore().intake().port()).isEqualTo(10025);
        assertThat(c.tls().certificate()).isEqualTo(Path.of("k/c.pem"));
        assertThat(c.log().retentionDays()).isEqualTo(3);
    }

    @Test
    void errorsNameTheFileAndTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse("domains = [\"example.org\"]\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("relay.toml: hostname: missing");
        assertThatThrownBy(() -> RelayConfigLoader.parse("hostname = \"mx.example.org\"\ndomains = []\n"))
                .hasMessage("relay.toml: domains: must name at least one mail domain");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[inbound]\nlisten = \"0.0.0.0:99999\"\n"))
                .hasMessageStartingWith("relay.toml: inbound.listen: ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[inbound]\nmax_message_size = 10\n"))
                .hasMessage("relay.toml: inbound.max_message_size: 10 bytes is out of range (64K to 2G)");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[tls]\ncert = \"/etc/ssl/x.pem\"\n"))
                .hasMessageStartingWith("relay.toml: tls.cert: ");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[inbound]\nlisten_port = 25\n"))
                .hasMessageStartingWith("relay.toml: unknown key inbound.listen_port");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "domains = [\"x.example\"]\n"))
                .hasMessageStartingWith("relay.toml: line 3: TOML syntax error");
    }

    @Test
    void missingFileSaysWhatToDo(@TempDir Path empty) {
        assertThatThrownBy(() -> RelayConfigLoader.load(empty))
                .hasMessageContaining("relay.toml: not found").hasMessageContaining("edge-relay init");
    }
}
