package org.hearthmail.mailstore.submission;

import org.hearthmail.smtp.Reply;

/** Where one accepted recipient of a submitted message goes. */
sealed interface Route {

    /** A mailbox of this mailstore: stored directly, never through the relay. */
    record Local(String address) implements Route {
    }

    /** Another domain: handed to the relay's outbound queue. */
    record Remote(String address) implements Route {
    }

    /** Refused at RCPT time. */
    record Refused(Reply reply) implements Route {
    }
}
