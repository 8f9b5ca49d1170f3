package org.hearthmail.log;

import java.util.Optional;

/**
 * Implemented by a {@link org.hearthmail.smtp.server.SessionHandler} that knows more about its
 * current message than the protocol engine does; read by {@link SummarizingSessions} when the
 * message's final reply is known.
 */
public interface SummaryFacts {

    /** The Authentication-Results field this side computed for the current message, if any. */
    Optional<String> authResults();
}
