package org.hearthmail.mailstore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void hashesTogetherNeverExceedTheBudget() throws Exception {
        // Room for two 64 MiB hashes at once; eight want to run.
        MemoryBudget budget = new MemoryBudget(2 * 65536);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    int taken = budget.acquire(65536);
                    try {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.sleep(20);
                    } finally {
                        running.decrementAndGet();
                        budget.release(taken);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(budget.available()).isEqualTo(2 * 65536);
    }

    @Test
    void aHashLargerThanTheWholeBudgetStillRunsAlone() throws Exception {
        MemoryBudget budget = new MemoryBudget(1024);
        int taken = budget.acquire(65536);
        assertThat(budget.available()).isZero();
        budget.release(taken);
        assertThat(budget.available()).isEqualTo(1024);
    }
}
