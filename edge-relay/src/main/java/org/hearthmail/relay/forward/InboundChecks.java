package org.hearthmail.relay.forward;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.hearthmail.relay.buffer.MemoryBudget;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.SenderChecks;

/**
 * What the pass-through needs to check a message before forwarding it.
 *
 * @param checks   SPF, DKIM, DMARC and the policy
 * @param tmp      where message content waits, encrypted, while it is checked, when it is not in memory
 * @param executor disk writes and hashing (never an event loop)
 * @param memory   the relay-wide bound on content held in memory instead of {@code tmp}
 */
public record InboundChecks(SenderChecks checks, TempDirectory tmp, Executor executor, MemoryBudget memory) {
    public InboundChecks {
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(tmp, "tmp");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(memory, "memory");
    }

    /** With a memory budget sized from the heap ({@link MemoryBudget#ofHeap()}). */
    public InboundChecks(SenderChecks checks, TempDirectory tmp, Executor executor) {
        this(checks, tmp, executor, MemoryBudget.ofHeap());
    }
}
