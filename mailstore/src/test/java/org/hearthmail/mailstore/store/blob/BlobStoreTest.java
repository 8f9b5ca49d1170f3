package org.hearthmail.mailstore.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Sealer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    @TempDir
    Path tmp;
    private DataDirectory dir;
    private BlobStore blobs;

    @BeforeEach
    void setUp() {
        dir = new DataDirectory(tmp).create();
        blobs = new BlobStore(dir.blobs(), dir.tmp(), Sealer.identity());
    }

    @Test
    void stagedBodyIsInTmpUntilCommittedThenInItsFanOutDirectory() throws IOException {
        StagedBlob s = blobs.stage(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.tmpFile().getParent()).isEqualTo(dir.tmp());
        assertThat(blobs.exists(s.id())).isFalse();
        BlobId id = blobs.commit(s);
        assertThat(Files.exists(s.tmpFile())).isFalse();
        assertThat(blobs.path(id)).isEqualTo(dir.blobs().resolve(id.hex().substring(0, 2)).resolve(id.hex()));
        try (InputStream in = blobs.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void bodyStreamFailingHalfWayLeavesNoFile() throws IOException {
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> blobs.stage(broken)).isInstanceOf(IOException.class).hasMessage("connection reset");
        try (Stream<Path> s = Files.list(dir.tmp())) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void largeBodiesAreStreamedCompletely() throws IOException {
        long size = 8L * 1024 * 1024 + 3;
        InputStream big = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        BlobId id = blobs.commit(blobs.stage(big));
        assertThat(Files.size(blobs.path(id))).isEqualTo(size);
    }

    @Test
    void deletionsWaitWhileABackupHoldsAPin() throws Exception {
        BlobId id = blobs.commit(blobs.stage(new ByteArrayInputStream(new byte[] {1})));
        try (AutoCloseable pin = blobs.pinDeletes()) {
            blobs.delete(id);
            assertThat(blobs.exists(id)).isTrue();
        }
        assertThat(blobs.exists(id)).isFalse();
    }

    @Test
    void storedBodyIsInItsFanOutDirectoryWithNothingLeftInTmp() throws IOException {
        StagedBlob s = blobs.store(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(s.size()).isEqualTo(5);
        assertThat(blobs.exists(s.id())).isTrue();
        assertThat(blobs.path(s.id()).getParent().getFileName().toString()).isEqualTo(s.id().hex().substring(0, 2));
        try (InputStream in = blobs.open(s.id())) {
            assertThat(in.readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<Path> t = Files.list(dir.tmp())) {
            assertThat(t.toList()).isEmpty();
        }
    }

    @Test
    void storeFailingHalfWayLeavesNoFileInTmpOrBlobs() throws IOException {
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> blobs.store(broken)).isInstanceOf(IOException.class).hasMessage("connection reset");
        try (Stream<Path> t = Files.list(dir.tmp())) {
            assertThat(t.toList()).isEmpty();
        }
        assertThat(blobs.list()).isEmpty();
    }
}
