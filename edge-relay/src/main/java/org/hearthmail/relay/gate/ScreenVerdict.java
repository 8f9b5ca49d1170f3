package org.hearthmail.relay.gate;

import java.util.Objects;
import org.hearthmail.smtp.Reply;

/** The DNS checks' verdict on one client address. */
public sealed interface ScreenVerdict {

    /**
     * Greet the client.
     *
     * @param clientName the FCrDNS-verified host name, or null
     * @param score      the DNS list and FCrDNS score (below the threshold)
     */
    record Pass(String clientName, int score) implements ScreenVerdict { }

    /** Refuse instead of the greeting: {@code reply} is 554 5.7.1 (or 421 4.7.0 when DNS may recover). */
    record Refuse(Reply reply, String reason) implements ScreenVerdict {
        public Refuse {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(reason, "reason");
        }
    }

    ScreenVerdict PASS_UNCHECKED = new Pass(null, 0);
}
