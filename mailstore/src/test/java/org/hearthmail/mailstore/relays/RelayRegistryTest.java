package org.hearthmail.mailstore.relays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hearthmail.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayRegistryTest {

    @TempDir
    Path data;

    private static RelayRegistration relay(String name, int pref, String tunnel) throws Exception {
        return new RelayRegistration(name, name + ".example.org", pref, "203.0.113.10", 51820,
                java.util.List.of(InetAddress.getByName("203.0.113.10")), "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=",
                InetAddress.getByName(tunnel));
    }

    @Test
    void savedRelaysReadBackSortedByPreference() throws Exception {
        RelayRegistry reg = new RelayRegistry(data);
        assertThat(reg.all()).isEmpty();
        reg.save(relay("vps2", 20, "10.77.0.3"));
        reg.save(relay("vps1", 10, "10.77.0.1"));
        assertThat(reg.all()).containsExactly(relay("vps1", 10, "10.77.0.1"), relay("vps2", 20, "10.77.0.3"));
        assertThat(reg.find("vps2")).contains(relay("vps2", 20, "10.77.0.3"));
        assertThat(reg.find("nope")).isEmpty();
    }

    @Test
    void hostNameEndpointHasNoPublicAddress() throws Exception {
        RelayRegistry reg = new RelayRegistry(data);
        RelayRegistration r = new RelayRegistration("vps1", "mx.example.org", 10, "vps.example.org", 51820, java.util.List.of(),
                "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=", InetAddress.getByName("10.77.0.1"));
        reg.save(r);
        assertThat(reg.find("vps1")).contains(r);
    }

    @Test
    void aDualStackRelayKeepsBothAddressesAndAnOlderSingleAddressFileStillReads() throws Exception {
        RelayRegistry reg = new RelayRegistry(data);
        RelayRegistration r = new RelayRegistration("vps1", "mx.example.org", 10, "vps.example.org", 51820,
                java.util.List.of(InetAddress.getByName("203.0.113.10"), InetAddress.getByName("2001:db8::10")),
                "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=", InetAddress.getByName("10.77.0.1"));
        reg.save(r);
        assertThat(Files.readString(data.resolve("relays/vps1.toml")))
                .contains("public_addresses = [\"203.0.113.10\", \"2001:db8::10\"]");
        assertThat(reg.find("vps1")).contains(r);
        Files.writeString(data.resolve("relays/vps2.toml"), RelayRegistry.render(relay("vps2", 20, "10.77.0.3"))
                .replace("public_addresses = [\"203.0.113.10\"]", "public_address = \"198.51.100.20\""));
        assertThat(reg.find("vps2").orElseThrow().publicAddresses())
                .containsExactly(InetAddress.getByName("198.51.100.20"));
    }

    @Test
    void unknownKeyNamesTheFile() throws Exception {
        Files.createDirectories(data.resolve("relays"));
        Files.writeString(data.resolve("relays/vps1.toml"), RelayRegistry.render(relay("vps1", 10, "10.77.0.1"))
                + "colour = \"blue\"\n");
        assertThatThrownBy(() -> new RelayRegistry(data).all()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("relays/vps1.toml").hasMessageContaining("colour");
    }

    @Test
    void badTunnelAddressIsNamed() throws Exception {
        Files.createDirectories(data.resolve("relays"));
        Files.writeString(data.resolve("relays/vps1.toml"), RelayRegistry.render(relay("vps1", 10, "10.77.0.1"))
                .replace("\"10.77.0.1\"", "\"ten\""));
        assertThatThrownBy(() -> new RelayRegistry(data).all()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("tunnel_address");
    }

    @Test
    void namesMustBeFileNames() {
        assertThatThrownBy(() -> relay("../x", 10, "10.77.0.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
