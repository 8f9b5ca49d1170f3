package org.hearthmail.spool;

import java.time.Instant;
import java.util.Objects;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.xclient.XClientAttributes;

/**
 * What the relay knew about a message when it spooled it, everything the mailstore needs to run
 * its normal intake on it later. All of it is personal data and is only ever stored sealed.
 *
 * @param envelope              MAIL FROM with its parameters, and the accepted RCPTs with their DSN parameters
 * @param client                the original client's facts as the relay would have sent them in XCLIENT
 *                              (ADDR, PORT, NAME, HELO, PROTO, DESTADDR, DESTPORT)
 * @param arrival               when the relay accepted the message
 * @param authenticationResults the {@code Authentication-Results} header field the relay computed at arrival
 *                              (RFC 8601 §2.2), whole, without the final CRLF; empty when none was computed
 */
public record SpoolEntryMeta(Envelope envelope, XClientAttributes client, Instant arrival,
                             String authenticationResults) {

    public SpoolEntryMeta {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(authenticationResults, "authenticationResults");
    }

    /** Logging this record would log personal data; only the recipient count is shown. */
    @Override
    public String toString() {
        return "SpoolEntryMeta[" + envelope.recipients().size() + " recipient(s), redacted]";
    }
}
