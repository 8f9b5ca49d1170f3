package org.hearthmail.smtp.server;

import java.util.List;

/** The accepted envelope of one transaction: the sender and every recipient that got 250. */
public record Envelope(MailFrom mailFrom, List<RcptTo> recipients) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }
}
