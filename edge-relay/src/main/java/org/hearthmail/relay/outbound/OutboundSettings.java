package org.hearthmail.relay.outbound;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.hearthmail.relay.delivery.DeliveryConfig;
import org.hearthmail.relay.queue.DeliveryLimits;
import org.hearthmail.relay.queue.RetryPolicy;
import org.hearthmail.smtp.client.TlsPolicy;

/**
 * Everything the outbound side of the relay needs.
 *
 * @param listener         the listener for the mailstore, or null for delivery only
 * @param dataDir          the relay's data directory (the queue is {@code queue/}, the suppression list {@code suppressed})
 * @param delivery         how to reach remote MX hosts
 * @param retry            back-off and give-up
 * @param limits           concurrency
 * @param mailstoreIntake  where DSNs go (the mailstore's SMTP intake through the tunnel)
 * @param mailstoreTls     TLS policy towards the intake (null for plaintext, e.g. inside the tunnel)
 * @param scanInterval     how often the scheduler looks for due work
 */
public record OutboundSettings(OutboundConfig listener, Path dataDir, DeliveryConfig delivery, RetryPolicy retry,
                               DeliveryLimits limits, InetSocketAddress mailstoreIntake, TlsPolicy mailstoreTls,
                               Duration scanInterval) {
    public OutboundSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(mailstoreIntake, "mailstoreIntake");
        Objects.requireNonNull(scanInterval, "scanInterval");
    }
}
