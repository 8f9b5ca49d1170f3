package org.hearthmail.mailstore.submission;

import java.util.List;
import java.util.Objects;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.client.MessageBody;

/**
 * A signed message for the relay.
 *
 * @param reversePath     the verified MAIL FROM
 * @param mailParameters  BODY, SMTPUTF8 and DSN parameters to pass on
 * @param dsnParameters   RET and ENVID, passed on only if the relay offers DSN (RFC 3461)
 * @param recipients      every remote recipient (with NOTIFY/ORCPT when given)
 * @param body            the content, DKIM-Signature fields first
 */
public record OutboundMessage(String reversePath, List<String> mailParameters, List<String> dsnParameters,
                              List<Envelope.Recipient> recipients, MessageBody body) {
    public OutboundMessage {
        Objects.requireNonNull(reversePath, "reversePath");
        mailParameters = List.copyOf(mailParameters);
        dsnParameters = List.copyOf(dsnParameters);
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(body, "body");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an outbound message needs a recipient");
        }
    }
}
