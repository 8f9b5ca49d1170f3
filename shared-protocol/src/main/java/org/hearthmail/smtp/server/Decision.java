package org.hearthmail.smtp.server;

import org.hearthmail.smtp.Reply;

/** A policy's answer to one step of a session. */
public sealed interface Decision {

    /** Go on; {@code reply} may replace the default positive reply, or be null. */
    record Accept(Reply reply) implements Decision {
        public Accept {
            if (reply != null && !reply.isPositive()) {
                throw new IllegalArgumentException("Accept needs a 2yz reply: " + reply);
            }
        }
    }

    /** Refuse with a 4yz or 5yz reply; the session continues. */
    record Reject(Reply reply) implements Decision {
        public Reject {
            if (reply.isPositive()) {
                throw new IllegalArgumentException("Reject needs a 4yz or 5yz reply: " + reply);
            }
        }
    }

    /** Refuse with a reply and close the connection (e.g. 421, or a banned client). */
    record Disconnect(Reply reply) implements Decision {
    }

    Decision ACCEPT = new Accept(null);

    static Decision accept() {
        return ACCEPT;
    }

    static Decision reject(Reply reply) {
        return new Reject(reply);
    }
}
