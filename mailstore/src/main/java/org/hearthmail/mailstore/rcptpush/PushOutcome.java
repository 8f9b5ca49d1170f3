package org.hearthmail.mailstore.rcptpush;

import org.hearthmail.smtp.Reply;

/** What became of one push of the recipient cache to a relay. */
public sealed interface PushOutcome {

    /** The relay now holds this generation. */
    record Installed(long generation, int entries) implements PushOutcome { }

    /** The relay already held this very cache; it is confirmed (its age reset). */
    record Confirmed(long generation) implements PushOutcome { }

    /** The relay holds a newer generation than the one pushed (our clock went back): push past it. */
    record Outdated(long installed) implements PushOutcome { }

    /** The relay refused the push or our credentials; retrying the same will not help soon. */
    record Refused(Reply reply) implements PushOutcome { }

    /** The relay could not be reached or the session broke; retried with back-off. */
    record Unreachable(String reason) implements PushOutcome { }
}
