package org.hearthmail.relay.service;

import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.relay.delivery.DeliveryConfig;
import org.hearthmail.relay.outbound.OutboundSettings;
import org.hearthmail.relay.queue.DeliveryLimits;
import org.hearthmail.relay.queue.RetryPolicy;

/** Applies the {@code [outbound]} delivery keys of relay.toml to the outbound defaults. */
final class OutboundTuning {
    private OutboundTuning() {
    }

    static OutboundSettings apply(RelayConfig.OutboundDelivery t, OutboundSettings defaults) {
        DeliveryConfig d = defaults.delivery().withPort(t.mxPort());
        if (t.allowLocalMx()) {
            d = d.allowingLocalAddresses();
        }
        RetryPolicy r = new RetryPolicy(t.retryInitial(), t.retryMax(), t.giveUpAfter(), defaults.retry().delayNotice());
        return defaults.tuned(d, r, new DeliveryLimits(t.concurrency(), t.destinationConcurrency()), t.scanInterval());
    }
}
