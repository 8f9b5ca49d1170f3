package org.hearthmail.relay.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.relay.buffer.ContentBuffer;
import org.hearthmail.relay.buffer.MemoryBudget;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.AuthPolicy;
import org.hearthmail.relay.checks.SenderChecks;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a message's chunks are appended: on the caller's thread when that is no work, else on the executor. */
class CheckedMessageTest {

    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final AtomicInteger executorTasks = new AtomicInteger();
    private final AtomicReference<Thread> concludedOn = new AtomicReference<>();
    private final AtomicReference<byte[]> concludedContent = new AtomicReference<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private CheckedMessage message() throws Exception {
        SenderChecks checks = new SenderChecks(new FakeResolver(), pool, "mx.example.test", AuthPolicy.TAG,
                "mx.example.test", Clock.systemUTC());
        ContentBuffer buffer = new ContentBuffer(TempDirectory.prepare(dir.resolve("tmp")), new MemoryBudget(1 << 20),
                ContentBuffer.DEFAULT_MEMORY_LIMIT);
        return new CheckedMessage("t", buffer, checks.begin(), task -> {
            executorTasks.incrementAndGet();
            pool.execute(task);
        }, (check, content) -> {
            concludedOn.set(Thread.currentThread());
            try (InputStream in = content.open()) {
                concludedContent.set(in.readAllBytes());
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.completedFuture(Reply.OK);
        });
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private Reply send(CheckedMessage m, byte[]... chunks) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            m.write(Unpooled.wrappedBuffer(c)).toCompletableFuture().get(20, TimeUnit.SECONDS);
            all.writeBytes(c);
        }
        Reply r = m.finish().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(concludedContent.get()).isEqualTo(all.toByteArray());
        return r;
    }

    @Test
    void smallChunksOfAnUnsignedMessageAreAppendedAndConcludedOnTheCallersThread() throws Exception {
        Reply r = send(message(), ascii("From: <bob@sender.example>\r\nSubject: s\r\n\r\n"), ascii("hello\r\n"));
        assertThat(r).isEqualTo(Reply.OK);
        assertThat(executorTasks).as("no hand-off to the executor").hasValue(0);
        assertThat(concludedOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void aChunkLargerThanTheInlineLimitIsAppendedOnTheExecutor() throws Exception {
        byte[] big = ascii("From: <bob@sender.example>\r\n\r\n" + "x".repeat(CheckedMessage.INLINE_LIMIT) + "\r\n");
        send(message(), big, ascii("tail\r\n"));
        assertThat(executorTasks.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void onceADkimSignatureIsBeingHashedFurtherChunksGoToTheExecutor() throws Exception {
        byte[] header = ascii("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example; s=sel;\r\n"
                + " h=from:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n"
                + "From: <bob@sender.example>\r\nSubject: s\r\n\r\n");
        send(message(), header, ascii("first body line\r\n"), ascii("second body line\r\n"));
        assertThat(executorTasks.get()).as("the body chunks after the signed header").isGreaterThanOrEqualTo(2);
    }
}
