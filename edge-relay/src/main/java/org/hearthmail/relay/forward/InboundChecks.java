package org.hearthmail.relay.forward;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.SenderChecks;

/**
 * What the pass-through needs to check a message before forwarding it.
 *
 * @param checks   SPF, DKIM, DMARC and the policy
 * @param tmp      where message content waits, encrypted, while it is checked
 * @param executor disk writes and hashing (never an event loop)
 */
public record InboundChecks(SenderChecks checks, TempDirectory tmp, Executor executor) {
    public InboundChecks {
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(tmp, "tmp");
        Objects.requireNonNull(executor, "executor");
    }
}
