package org.hearthmail.relay.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.relay.spool.SpoolFixtures.content;
import static org.hearthmail.relay.spool.SpoolFixtures.meta;
import static org.hearthmail.relay.spool.SpoolFixtures.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.smtp.Reply;
import org.hearthmail.spool.OpenedSpoolEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    private static final long MB = 1024 * 1024;
    private final SealPrivateKey key = SealPrivateKey.generate();
    @TempDir
    Path dir;

    private Spool open(long max) throws IOException {
        return Spool.open(dir, max, key.publicKey());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void committedEntriesAreListedInCommitOrderAndOpenWithThePrivateKey() throws IOException {
        try (Spool spool = open(10 * MB)) {
            spool(spool, "first", content("one"));
            spool(spool, "second", content("two"));
            List<SpoolEntry> entries = spool.entries();
            assertThat(entries).extracting(SpoolEntry::sequence).containsExactly(1L, 2L);
            try (OpenedSpoolEntry e = entries.get(1).open(key)) {
                assertThat(e.meta()).isEqualTo(meta("second", -1));
                assertThat(e.content().readAllBytes()).isEqualTo(content("two"));
            }
            assertThat(entries.get(0).arrival()).isEqualTo(meta("first", -1).arrival());
            assertThat(spool.committedBytes()).isEqualTo(entries.get(0).size() + entries.get(1).size());
        }
    }

    @Test
    void interleavedWritersAreQueuedInCommitOrder() throws IOException {
        try (Spool spool = open(10 * MB)) {
            SpoolWriter early = spool.begin(meta("early", -1));
            SpoolWriter late = spool.begin(meta("late", -1));
            late.content().write(content("late"));
            SpoolEntry lateEntry = late.commit();
            early.content().write(content("early"));
            SpoolEntry earlyEntry = early.commit();
            assertThat(spool.entries()).containsExactly(lateEntry, earlyEntry);
        }
    }

    @Test
    void nothingPersonalIsReadableOnDisk() throws IOException {
        try (Spool spool = open(10 * MB)) {
            spool(spool, "alice", content("confidential"));
        }
        for (String name : files()) {
            assertThat(name).doesNotContain("alice").doesNotContain("carol");
            if (!Files.isDirectory(dir.resolve(name))) {
                String text = new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.ISO_8859_1);
                assertThat(text).doesNotContain("alice").doesNotContain("carol").doesNotContain("192.0.2.7")
                        .doesNotContain("confidential").doesNotContain("spf=pass");
            }
        }
    }

    @Test
    void sealedBytesForTheMailstoreAreTheWholeFile() throws IOException {
        try (Spool spool = open(10 * MB)) {
            SpoolEntry e = spool(spool, "x", content("x"));
            try (InputStream in = e.openSealed()) {
                byte[] bytes = in.readAllBytes();
                assertThat(bytes).hasSize((int) e.size());
                assertThat(new String(bytes, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("HMSEAL");
            }
        }
    }

    @Test
    void entriesAndSequenceNumbersSurviveARestart() throws IOException {
        try (Spool spool = open(10 * MB)) {
            spool(spool, "a", content("a"));
            spool(spool, "b", content("b"));
            spool(spool, "c", content("c"));
        }
        try (Spool spool = open(10 * MB)) {
            assertThat(spool.entries()).extracting(SpoolEntry::sequence).containsExactly(1L, 2L, 3L);
            for (SpoolEntry e : spool.entries()) {
                e.remove();
            }
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.committedBytes()).isZero();
        }
        try (Spool spool = open(10 * MB)) {
            assertThat(spool(spool, "d", content("d")).sequence()).as("numbering continues when emptied").isEqualTo(4L);
        }
    }

    @Test
    void leftoverTempFilesAreSweptAtOpen() throws IOException {
        Spool first = open(10 * MB);
        SpoolWriter unfinished = first.begin(meta("crash", -1));
        unfinished.content().write(new byte[200_000]);
        first.close();
        assertThat(files()).anyMatch(n -> n.startsWith("incoming-"));
        try (Spool spool = open(10 * MB)) {
            assertThat(files()).noneMatch(n -> n.startsWith("incoming-"));
            assertThat(spool.entries()).isEmpty();
            assertThat(spool.inProgressBytes()).isZero();
        }
        assertThatThrownBy(unfinished::commit).as("a closed spool takes no commits").isInstanceOf(Exception.class);
    }

    @Test
    void abortDeletesTheTempFileAndReleasesItsBytes() throws IOException {
        try (Spool spool = open(10 * MB)) {
            SpoolWriter w = spool.begin(meta("a", -1));
            w.content().write(new byte[100_000]);
            assertThat(spool.inProgressBytes()).as("full segments are on disk").isGreaterThan(64 * 1024);
            w.close();
            assertThat(spool.inProgressBytes()).isZero();
            assertThat(spool.entries()).isEmpty();
            assertThat(files()).noneMatch(n -> n.startsWith("incoming-"));
        }
    }

    @Test
    void beginIsRefusedWith452WhenCommittedAndInProgressBytesReachTheLimit() throws IOException {
        try (Spool spool = open(200_000)) {
            SpoolWriter w = spool.begin(meta("a", -1));
            w.content().write(new byte[150_000]);
            assertThatThrownBy(() -> spool.begin(meta("b", 70_000)))
                    .isInstanceOf(SpoolFullException.class)
                    .satisfies(e -> assertThat(((SpoolFullException) e).reply()).isEqualTo(Reply.INSUFFICIENT_STORAGE));
            w.commit();
            assertThatThrownBy(() -> spool.begin(meta("c", 60_000))).isInstanceOf(SpoolFullException.class);
            try (SpoolWriter small = spool.begin(meta("d", 1000))) {
                assertThat(small).isNotNull();
            }
        }
    }

    @Test
    void writingPastTheLimitFailsAndTheEntryIsNotCommitted() throws IOException {
        try (Spool spool = open(300_000)) {
            SpoolWriter w = spool.begin(meta("big", -1));
            assertThatThrownBy(() -> w.content().write(new byte[400_000])).isInstanceOf(SpoolFullException.class);
            assertThatThrownBy(w::commit).isInstanceOf(IOException.class);
            assertThat(spool.entries()).isEmpty();
            assertThat(spool.inProgressBytes()).isZero();
            assertThat(spool.committedBytes() + spool.inProgressBytes()).isLessThanOrEqualTo(spool.maxBytes());
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws IOException {
        try (Spool spool = open(MB)) {
            assertThatThrownBy(() -> open(MB)).isInstanceOf(SpoolLockedException.class).hasMessageContaining("in use");
        }
        open(MB).close();
    }

    @Test
    void removeIsIdempotentAndOnlyRemovesThatEntry() throws IOException {
        try (Spool spool = open(MB)) {
            SpoolEntry a = spool(spool, "a", content("a"));
            SpoolEntry b = spool(spool, "b", content("b"));
            a.remove();
            a.remove();
            assertThat(spool.entries()).containsExactly(b);
            assertThat(spool.head()).contains(b);
        }
    }

    @Test
    void commitNotifiesListeners() throws IOException {
        try (Spool spool = open(MB)) {
            int[] calls = {0};
            spool.addCommitListener(() -> calls[0]++);
            spool(spool, "a", content("a"));
            assertThat(calls[0]).isEqualTo(1);
        }
    }
}
