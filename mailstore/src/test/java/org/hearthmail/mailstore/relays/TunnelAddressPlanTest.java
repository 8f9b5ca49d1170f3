package org.hearthmail.mailstore.relays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunnelAddressPlanTest {
    private static final InetAddress HOME = ip("10.77.0.2");

    private static InetAddress ip(String s) {
        return org.hearthmail.tunnel.config.IpPrefix.parseLiteral(s);
    }

    private static RelayRegistration relay(String name, String address) {
        return new RelayRegistration(name, name + ".example.org", 10, "203.0.113.10", 51820, java.util.List.of(),
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", ip(address));
    }

    @Test
    void firstRelayGetsDot1AndLaterOnesSkipTheMailstoresDot2() {
        assertThat(TunnelAddressPlan.next(HOME, 24, List.of())).isEqualTo(ip("10.77.0.1"));
        assertThat(TunnelAddressPlan.next(HOME, 24, List.of(relay("a", "10.77.0.1")))).isEqualTo(ip("10.77.0.3"));
        assertThat(TunnelAddressPlan.next(HOME, 24, List.of(relay("a", "10.77.0.3")))).as("a freed .1 is reused")
                .isEqualTo(ip("10.77.0.1"));
    }

    @Test
    void fullNetworkIsAnErrorNamingIt() {
        List<RelayRegistration> all = new ArrayList<>();
        all.add(relay("a", "10.77.0.1"));
        // a /30 has two host addresses: .1 (taken) and .2 (the mailstore)
        assertThatThrownBy(() -> TunnelAddressPlan.next(HOME, 30, all)).hasMessageContaining("10.77.0.0/30");
    }
}
