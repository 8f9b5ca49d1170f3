package org.hearthmail.smtp.client;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one transaction.
 *
 * @param reversePath the MAIL FROM address without angle brackets; empty for the null sender
 *     {@code <>} (RFC 5321 §4.5.5, bounces)
 * @param mailParameters MAIL parameters such as {@code SIZE=1234}, {@code BODY=8BITMIME}, {@code SMTPUTF8}
 * @param recipients at least one
 */
public record Envelope(String reversePath, List<String> mailParameters, List<Recipient> recipients) {

    public Envelope {
        Objects.requireNonNull(reversePath, "reversePath");
        mailParameters = List.copyOf(mailParameters);
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
    }

    public static Envelope of(String from, String... to) {
        return new Envelope(from, List.of(), java.util.Arrays.stream(to).map(Recipient::of).toList());
    }

    /**
     * One forward path.
     *
     * @param address without angle brackets
     * @param parameters RCPT parameters such as {@code NOTIFY=FAILURE} (RFC 3461)
     */
    public record Recipient(String address, List<String> parameters) {
        public Recipient {
            Objects.requireNonNull(address, "address");
            parameters = List.copyOf(parameters);
        }

        public static Recipient of(String address) {
            return new Recipient(address, List.of());
        }
    }
}
