package org.hearthmail.relay.queue;

import java.util.List;

/**
 * Receives delivery status notices to send to a message's sender (see the {@code dsn} package). Called
 * before the recipient states are recorded, so a crash in between repeats a notice rather than loses it.
 */
@FunctionalInterface
public interface NoticeSink {

    enum Kind { FAILED, DELAYED }

    /**
     * @param recipients the recipients the notice is about, with their last reply
     */
    void notice(QueuedMessage message, Kind kind, List<RecipientState> recipients);

    NoticeSink NONE = (m, k, r) -> { };
}
