package org.hearthmail.relay.queue;

import java.util.Objects;

/** What happened to one recipient in one delivery attempt. */
public sealed interface DeliveryOutcome {

    String address();

    /** The reply or failure text to keep and to quote in a DSN, e.g. {@code 550 5.1.1 No such user}. */
    String reply();

    /** The remote host that answered, or null when none did. */
    String remoteMta();

    /** The remote server accepted responsibility (250 after the content). */
    record Delivered(String address, String reply, String remoteMta) implements DeliveryOutcome {
        public Delivered {
            Objects.requireNonNull(address, "address");
        }
    }

    /** Permanent failure (5yz, null MX, no such domain): bounce. */
    record Failed(String address, String reply, String remoteMta) implements DeliveryOutcome {
        public Failed {
            Objects.requireNonNull(address, "address");
        }
    }

    /** Temporary failure (4yz, no MX reachable, DNS temporary failure): retry later. */
    record Deferred(String address, String reply, String remoteMta) implements DeliveryOutcome {
        public Deferred {
            Objects.requireNonNull(address, "address");
        }
    }
}
