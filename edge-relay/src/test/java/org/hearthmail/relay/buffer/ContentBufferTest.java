package org.hearthmail.relay.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.stream.ChunkedInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentBufferTest {

    private static final byte[] TOP = "Authentication-Results: mx.example.test; spf=none\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private TempDirectory tmp;

    @BeforeEach
    void prepare() throws IOException {
        tmp = TempDirectory.prepare(dir.resolve("tmp"));
    }

    private static byte[] text(int size, long seed) {
        byte[] line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = line[i % line.length];
        }
        b[new Random(seed).nextInt(size / 2)] = 'X'; // so two contents differ
        if (size >= 2) {
            b[size - 2] = '\r';
            b[size - 1] = '\n';
        }
        return b;
    }

    /** Writes {@code content} in chunks of {@code chunk} octets, as the executor does. */
    private static void write(ContentBuffer buffer, byte[] content, int chunk) throws IOException {
        for (int i = 0; i < content.length; i += chunk) {
            buffer.write(Arrays.copyOfRange(content, i, Math.min(content.length, i + chunk)));
        }
        buffer.finishWriting();
    }

    /** Everything the reader yields, and the size of each chunk. */
    private static byte[] readAll(ChunkedInput<ByteBuf> in, List<Integer> sizes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int guard = 0; guard < 10_000 && !in.isEndOfInput(); guard++) {
            ByteBuf b = in.readChunk(ByteBufAllocator.DEFAULT);
            if (b != null) {
                sizes.add(b.readableBytes());
                out.write(ByteBufUtil.getBytes(b));
                b.release();
            }
        }
        in.close();
        assertThat(in.isEndOfInput()).isTrue();
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private long filesInTmp() throws IOException {
        try (var files = Files.list(tmp.path())) {
            return files.count();
        }
    }

    @Test
    void smallMessageStaysInMemoryAndIsReadAsOneChunkWithThePrefix() throws Exception {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        byte[] content = text(4096, 1);
        try (ContentBuffer b = new ContentBuffer(tmp, budget, 256 * 1024)) {
            write(b, content, 1000);
            assertThat(b.inMemory()).isTrue();
            assertThat(filesInTmp()).as("no temp file for a message held in memory").isZero();
            assertThat(budget.used()).isEqualTo(4096);
            List<Integer> sizes = new ArrayList<>();
            assertThat(readAll(b.reader(TOP, 64 * 1024), sizes)).isEqualTo(concat(TOP, content));
            assertThat(sizes).containsExactly(TOP.length + 4096);
            try (InputStream in = b.open()) {
                assertThat(in.readAllBytes()).as("readable again, as a stream").isEqualTo(content);
            }
        }
        assertThat(budget.used()).as("memory given back on close").isZero();
    }

    @Test
    void messageOverThePerMessageLimitMovesToAnEncryptedFileAndReadsBackInLargeBlocks() throws Exception {
        MemoryBudget budget = new MemoryBudget(16 << 20);
        byte[] content = text(300_000, 2);
        byte[] secret = "Subject: a secret line that must not reach the disk\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(secret, 0, content, 1000, secret.length);
        try (ContentBuffer b = new ContentBuffer(tmp, budget, 256 * 1024)) {
            write(b, content, 4093);
            assertThat(b.inMemory()).isFalse();
            assertThat(budget.used()).as("what was in memory moved to the file").isZero();
            Path file = b.file().orElseThrow().path();
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("a secret line");
            List<Integer> sizes = new ArrayList<>();
            assertThat(readAll(b.reader(TOP, 64 * 1024), sizes)).isEqualTo(concat(TOP, content));
            // The prefix rides with the first block; then 64 KiB blocks (not the 512 octets of CipherInputStream).
            assertThat(sizes.get(0)).isEqualTo(TOP.length + 64 * 1024);
            assertThat(sizes.subList(1, sizes.size() - 1)).allMatch(s -> s == 64 * 1024);
            try (InputStream in = b.open()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            b.close();
            assertThat(Files.exists(file)).as("deleted on close").isFalse();
        }
    }

    @Test
    void whenTheRelayWideBudgetIsSpentTheNextMessageGoesToAFile() throws Exception {
        MemoryBudget budget = new MemoryBudget(10_000);
        byte[] first = text(8000, 3);
        byte[] second = text(8000, 4);
        try (ContentBuffer a = new ContentBuffer(tmp, budget, 256 * 1024);
             ContentBuffer b = new ContentBuffer(tmp, budget, 256 * 1024)) {
            write(a, first, 2000);
            write(b, second, 2000);
            assertThat(a.inMemory()).isTrue();
            assertThat(b.inMemory()).as("the budget had only 2000 octets left").isFalse();
            assertThat(budget.used()).isEqualTo(8000);
            assertThat(filesInTmp()).isEqualTo(1);
            assertThat(readAll(b.reader(new byte[0], 4096), new ArrayList<>())).isEqualTo(second);
            a.close();
            assertThat(budget.used()).isZero();
            try (ContentBuffer c = new ContentBuffer(tmp, budget, 256 * 1024)) {
                write(c, first, 2000);
                assertThat(c.inMemory()).as("room again once the first message is gone").isTrue();
            }
        }
        assertThat(filesInTmp()).isZero();
    }

    @Test
    void writeInMemoryRefusesWhatWouldSpillAndLeavesTheBufferAsItWas() throws Exception {
        MemoryBudget budget = new MemoryBudget(10_000);
        byte[] first = text(6000, 7);
        try (ContentBuffer b = new ContentBuffer(tmp, budget, 8000)) {
            assertThat(b.writeInMemory(first)).isTrue();
            assertThat(b.writeInMemory(text(3000, 8))).as("over the per-message limit").isFalse();
            assertThat(b.size()).isEqualTo(6000);
            assertThat(b.inMemory()).isTrue();
            b.finishWriting();
            assertThat(readAll(b.reader(TOP, 64 * 1024), new ArrayList<>())).isEqualTo(concat(TOP, first));
        }
        try (ContentBuffer b = new ContentBuffer(tmp, new MemoryBudget(100), 256 * 1024)) {
            assertThat(b.writeInMemory(text(200, 9))).as("over the relay-wide budget").isFalse();
            assertThat(b.size()).isZero();
        }
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertThat(files.count()).as("no temp file made").isZero();
        }
    }

    @Test
    void zeroBudgetKeepsNothingInMemory() throws Exception {
        MemoryBudget budget = new MemoryBudget(0);
        try (ContentBuffer b = new ContentBuffer(tmp, budget, 256 * 1024)) {
            write(b, text(100, 5), 100);
            assertThat(b.inMemory()).isFalse();
            assertThat(readAll(b.reader(TOP, 1024), new ArrayList<>())).isEqualTo(concat(TOP, text(100, 5)));
        }
    }

    @Test
    void unterminatedLastLineGetsItsCrlfFromTheReader() throws Exception {
        byte[] content = "Subject: x\r\n\r\nno line end".getBytes(StandardCharsets.US_ASCII);
        for (MemoryBudget budget : List.of(new MemoryBudget(1 << 20), new MemoryBudget(0))) {
            try (ContentBuffer b = new ContentBuffer(tmp, budget, 256 * 1024)) {
                write(b, content, 5);
                assertThat(b.endsWithCrlf()).isFalse();
                assertThat(new String(readAll(b.reader(TOP, 4096), new ArrayList<>()), StandardCharsets.US_ASCII))
                        .endsWith("no line end\r\n");
            }
        }
    }

    @Test
    void lineEndSplitAcrossChunksCounts() throws Exception {
        try (ContentBuffer b = new ContentBuffer(tmp, new MemoryBudget(1 << 20), 256 * 1024)) {
            b.write("a line\r".getBytes(StandardCharsets.US_ASCII));
            b.write(new byte[] {'\n'});
            b.finishWriting();
            assertThat(b.endsWithCrlf()).isTrue();
            assertThat(readAll(b.reader(new byte[0], 4096), new ArrayList<>())).isEqualTo("a line\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void contentIsNotReadableWhileBeingWrittenNorWritableAfterwards() throws Exception {
        try (ContentBuffer b = new ContentBuffer(tmp, new MemoryBudget(1 << 20), 256 * 1024)) {
            b.write(text(10, 6));
            assertThatThrownBy(() -> b.reader(TOP, 4096)).isInstanceOf(IOException.class);
            b.finishWriting();
            assertThatThrownBy(() -> b.write(text(10, 7))).isInstanceOf(IOException.class);
        }
    }
}
