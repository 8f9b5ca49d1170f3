package org.hearthmail.relay.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedTempFileTest {

    @TempDir
    Path dir;

    @Test
    void contentReadsBackButTheFileHoldsNoPlaintext() throws Exception {
        TempDirectory tmp = TempDirectory.prepare(dir.resolve("tmp"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.path()))).isEqualTo("rwx------");
        byte[] plain = new byte[300_000];
        new Random(1).nextBytes(plain);
        byte[] marker = "Subject: a secret line that must not reach the disk\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, plain, 1000, marker.length);
        try (SealedTempFile f = tmp.newFile()) {
            for (int i = 0; i < plain.length; i += 4093) {
                f.write(plain, i, Math.min(4093, plain.length - i));
            }
            f.finishWriting();
            assertThat(f.size()).isEqualTo(plain.length);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
            byte[] onDisk = Files.readAllBytes(f.path());
            assertThat(onDisk).hasSize(plain.length);
            assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("a secret line");
            try (InputStream in = f.open()) {
                assertThat(in.readAllBytes()).isEqualTo(plain);
            }
            try (InputStream in = f.open()) {
                assertThat(in.readAllBytes()).as("readable twice").isEqualTo(plain);
            }
        }
        try (var files = Files.list(tmp.path())) {
            assertThat(files).as("closed files are deleted").isEmpty();
        }
    }

    @Test
    void twoFilesOfTheSameContentDifferOnDisk() throws Exception {
        TempDirectory tmp = TempDirectory.prepare(dir);
        byte[] plain = "same content\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        try (SealedTempFile a = tmp.newFile(); SealedTempFile b = tmp.newFile()) {
            a.write(plain, 0, plain.length);
            b.write(plain, 0, plain.length);
            a.finishWriting();
            b.finishWriting();
            assertThat(Files.readAllBytes(a.path())).isNotEqualTo(Files.readAllBytes(b.path()));
        }
    }

    @Test
    void leftoversOfAnEarlierRunAreSweptAtStartAndOtherFilesKept() throws Exception {
        Path t = Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(t.resolve("msg-123.tmp"), "remnant");
        Files.writeString(t.resolve("notes.txt"), "not ours");
        TempDirectory.prepare(t);
        assertThat(t.resolve("msg-123.tmp")).doesNotExist();
        assertThat(t.resolve("notes.txt")).exists();
    }
}
