package org.hearthmail.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hearthmail.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class OutboundSectionTest {

    private static final String MINIMAL = "hostname = \"mx.example.org\"\ndomains = [\"example.org\"]\n";

    @Test
    void withoutDeliveryKeysTheQueueKeepsItsDefaults() {
        RelayConfig.OutboundDelivery d = RelayConfigLoader.parse(MINIMAL).outbound().delivery();
        assertThat(d).isEqualTo(RelayConfig.OutboundDelivery.DEFAULT);
        assertThat(d.retryInitial()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.retryMax()).isEqualTo(Duration.ofHours(4));
        assertThat(d.giveUpAfter()).isEqualTo(Duration.ofDays(5));
        assertThat(d.mxPort()).isEqualTo(25);
        assertThat(d.allowLocalMx()).isFalse();
    }

    @Test
    void everyDeliveryKeyIsRead() {
        RelayConfig.OutboundDelivery d = RelayConfigLoader.parse(MINIMAL + "[outbound]\nretry_initial = \"200ms\"\n"
                + "retry_max = \"2s\"\ngive_up_after = \"2d\"\nscan_interval = \"100ms\"\nconcurrency = 40\n"
                + "destination_concurrency = 20\nmx_port = 2025\nallow_local_mx = true\n").outbound().delivery();
        assertThat(d).isEqualTo(new RelayConfig.OutboundDelivery(Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofDays(2), Duration.ofMillis(100), 40, 20, 2025, true));
    }

    @Test
    void inconsistentOrOutOfRangeValuesNameTheKey() {
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[outbound]\nretry_initial = \"1h\"\nretry_max = \"5m\"\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("outbound.retry_max");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[outbound]\nconcurrency = 2\ndestination_concurrency = 5\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("outbound.destination_concurrency");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[outbound]\nmx_port = 70000\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("outbound.mx_port");
        assertThatThrownBy(() -> RelayConfigLoader.parse(MINIMAL + "[outbound]\nscan_interval = \"soon\"\n"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("outbound.scan_interval");
    }
}
