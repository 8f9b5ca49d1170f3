package org.hearthmail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void eachFixedPortMovesOnceEvenWhenANewPortBeginsWithAnotherFixedOne() {
        String toml = "listen_tls = \"127.0.0.1:2465\"\noutbound = \"127.0.0.1:2526\"\nother = \"127.0.0.1:2587\"\n"
                + "relay_addresses = [\"127.0.0.1/32\"]\n";
        // 25269 begins with 2526: moved in one pass, it is not matched again.
        String moved = FreePorts.move(toml, Map.of(2465, 25269, 2526, 26638));
        assertThat(moved).isEqualTo("listen_tls = \"127.0.0.1:25269\"\noutbound = \"127.0.0.1:26638\"\n"
                + "other = \"127.0.0.1:2587\"\nrelay_addresses = [\"127.0.0.1/32\"]\n");
    }
}
