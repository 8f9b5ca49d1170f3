package org.hearthmail.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.hearthmail.config.HostPort;
import org.hearthmail.config.InvalidConfigException;
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
