package org.hearthmail.mailstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncStoreTest {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "store-worker"));

    @AfterEach
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void callsRunOnTheGivenExecutorAndFailuresCarryTheIoCause() throws Exception {
        MemoryMailStore store = new MemoryMailStore(StoreOptions.defaults());
        store.addDomain("example.test");
        store.addUser("a@example.test", null, 0);
        AtomicReference<String> thread = new AtomicReference<>();
        AsyncStore async = new AsyncStore(store, r -> worker.execute(() -> {
            thread.set(Thread.currentThread().getName());
            r.run();
        }));
        assertThat(async.resolveRecipient("a@example.test").get(5, TimeUnit.SECONDS))
                .isInstanceOf(Resolution.Resolved.class);
        assertThat(thread.get()).isEqualTo("store-worker");

        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("peer went away");
            }
        };
        assertThatThrownBy(() -> async.deliver(List.of("a@example.test"), broken).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(AsyncStore.cause(e)).isInstanceOf(IOException.class).hasMessage("peer went away"));
    }
}
