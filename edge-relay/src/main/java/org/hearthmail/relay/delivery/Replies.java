package org.hearthmail.relay.delivery;

import org.hearthmail.smtp.Reply;

/** Reply text as kept in the queue and quoted in DSNs: {@code 550 5.1.1 No such user}. */
public final class Replies {
    private Replies() {
    }

    public static String describe(Reply r) {
        return r.code() + (r.status() != null ? " " + r.status() : "") + " " + r.text();
    }
}
