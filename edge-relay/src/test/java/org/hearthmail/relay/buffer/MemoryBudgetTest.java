package org.hearthmail.relay.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void reservationsNeverExceedTheLimitAndReleaseMakesRoom() {
        MemoryBudget b = new MemoryBudget(100);
        assertThat(b.tryReserve(60)).isTrue();
        assertThat(b.tryReserve(41)).isFalse();
        assertThat(b.used()).as("a refused reservation takes nothing").isEqualTo(60);
        assertThat(b.tryReserve(40)).isTrue();
        b.release(60);
        assertThat(b.tryReserve(60)).isTrue();
        assertThat(b.used()).isEqualTo(100);
    }

    @Test
    void releasingMoreThanReservedIsAnError() {
        MemoryBudget b = new MemoryBudget(100);
        b.tryReserve(10);
        assertThatThrownBy(() -> b.release(11)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentReservationsStayWithinTheLimit() throws Exception {
        MemoryBudget b = new MemoryBudget(10_000);
        AtomicLong granted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    if (b.tryReserve(7)) {
                        granted.addAndGet(7);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(granted.get()).isEqualTo(b.used()).isLessThanOrEqualTo(10_000).isGreaterThan(10_000 - 7);
    }

    @Test
    void heapSizedBudgetIsAFifthOfTheHeapAtMost32MiB() {
        long expected = Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 5);
        assertThat(MemoryBudget.ofHeap().limit()).isEqualTo(expected);
    }
}
