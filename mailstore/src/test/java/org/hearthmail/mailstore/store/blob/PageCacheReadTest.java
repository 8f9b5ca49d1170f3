package org.hearthmail.mailstore.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageCacheReadTest {
    @TempDir
    Path dir;

    @Test
    void readsACachedFileWholeUpToTheLimit() throws IOException {
        byte[] content = random(10_000);
        Path file = Files.write(dir.resolve("a"), content);
        assumeTrue(PageCacheRead.supported(), "preadv2(RWF_NOWAIT) not supported by this kernel or file system");

        assertThat(PageCacheRead.read(file, 10_000)).isEqualTo(content);
        assertThat(PageCacheRead.read(file, 64 * 1024)).isEqualTo(content);
        assertThat(PageCacheRead.read(file, 9_999)).as("longer than allowed").isNull();
        assertThat(PageCacheRead.read(Files.write(dir.resolve("empty"), new byte[0]), 100)).isEmpty();
        assertThat(PageCacheRead.read(dir.resolve("missing"), 100)).isNull();
    }

    @Test
    void aFileNotInThePageCacheIsAMissUntilReadTheNormalWay() throws IOException {
        byte[] content = random(40_000);
        Path file = Files.write(dir.resolve("b"), content);
        assumeTrue(PageCacheRead.supported(), "preadv2(RWF_NOWAIT) not supported by this kernel or file system");
        PageCacheEviction.evict(file);

        assertThat(PageCacheRead.read(file, 64 * 1024)).as("just evicted").isNull();
        assertThat(PageCacheRead.supported()).as("a miss is not a refusal").isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(PageCacheRead.read(file, 64 * 1024)).as("cached again").isEqualTo(content);
    }

    @Test
    void theBlobStoreGivesThePlainBytesOfACachedBody() throws IOException {
        BlobStore blobs = new BlobStore(Files.createDirectories(dir.resolve("blobs")),
                Files.createDirectories(dir.resolve("tmp")), org.hearthmail.mailstore.store.Sealer.identity());
        byte[] content = "Subject: hi\r\n\r\nbody\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        StagedBlob staged = blobs.stage(new java.io.ByteArrayInputStream(content));
        org.hearthmail.mailstore.store.BlobId id = blobs.commit(staged);
        assumeTrue(PageCacheRead.supported(), "preadv2(RWF_NOWAIT) not supported by this kernel or file system");

        assertThat(blobs.readIfCached(id, 1024)).isEqualTo(content);
        assertThat(blobs.readIfCached(id, 10)).isNull();
        PageCacheEviction.evict(blobs.path(id));
        assertThat(blobs.readIfCached(id, 1024)).isNull();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
