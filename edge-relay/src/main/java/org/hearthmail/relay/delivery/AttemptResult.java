package org.hearthmail.relay.delivery;

import java.util.List;
import org.hearthmail.relay.queue.DeliveryOutcome;

/** What one SMTP session to one address decided. */
sealed interface AttemptResult {

    /** The server gave an answer for every recipient: stop here. */
    record Done(List<DeliveryOutcome> outcomes) implements AttemptResult {
    }

    /**
     * This address could not take the mail now (no connection, 421, 4yz to MAIL): try the next one.
     *
     * @param tlsFailure an RFC 8460 §4.3 result type when TLS was the problem, else null
     */
    record TryNext(String reason, String tlsFailure) implements AttemptResult {
        TryNext(String reason) {
            this(reason, null);
        }

        /** The TLS handshake itself failed (the session is gone). */
        boolean tlsFailed() {
            return CERTIFICATE_NOT_TRUSTED.equals(tlsFailure);
        }
    }

    /** RFC 8460 §4.3 result types this code can tell apart. */
    String CERTIFICATE_NOT_TRUSTED = "certificate-not-trusted";
    String STARTTLS_NOT_SUPPORTED = "starttls-not-supported";
}
