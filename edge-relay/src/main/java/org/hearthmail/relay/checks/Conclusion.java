package org.hearthmail.relay.checks;

import java.util.Objects;
import org.hearthmail.smtp.Reply;

/** What becomes of a message once its content was checked. */
public sealed interface Conclusion {

    /** The Authentication-Results field (CRLF-terminated), for logs and tests. */
    String authResults();

    /**
     * Forward it, with these fields above the relay's Received line.
     *
     * @param junk whether {@code Hearthmail-Verdict: junk} is among them
     */
    record Forward(String authResults, boolean junk) implements Conclusion {
        /** The mailstore's intake reads this field only above the relay's Received line, and never stores it. */
        public static final String VERDICT_JUNK = "Hearthmail-Verdict: junk\r\n";

        public Forward {
            Objects.requireNonNull(authResults, "authResults");
        }

        /** The fields to prepend, in order: Authentication-Results, then the verdict. */
        public String header() {
            return junk ? authResults + VERDICT_JUNK : authResults;
        }
    }

    /** Refuse it with this reply; nothing is forwarded. */
    record Refuse(Reply reply, String authResults) implements Conclusion {
        public Refuse {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(authResults, "authResults");
        }
    }
}
