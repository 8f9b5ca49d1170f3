package org.hearthmail.relay.gate;

import java.util.Objects;
import org.hearthmail.smtp.Reply;

/** Whether a new connection may proceed past the gate's limits and ban list. */
public sealed interface Admission {

    /** Go on; close the permit when the connection ends. */
    record Admitted(Permit permit) implements Admission {
        public Admitted {
            Objects.requireNonNull(permit, "permit");
        }
    }

    /**
     * Refused; {@code reply} is what an SMTP listener says before closing (a pass-through port
     * just closes), {@code reason} is for the log.
     */
    record Refused(Reply reply, String reason) implements Admission {
        public Refused {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
