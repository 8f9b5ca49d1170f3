package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.Sealer;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite store does on disk: blob files, sweep, sealing, backup. */
class SqliteFilesTest {
    @TempDir
    Path tmp;

    private static InputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private SqliteMailStore openWithAlice(DataDirectory dir, StoreOptions o) {
        SqliteMailStore s = SqliteMailStore.open(dir, o);
        if (s.user("alice@example.test").isEmpty()) {
            s.addDomain("example.test");
            s.addUser("alice@example.test", null, 0);
            s.addUser("bob@example.test", null, 0);
        }
        return s;
    }

    @Test
    void oneDeliveryToTwoUsersIsOneFileDeletedAfterTheLastExpunge() throws IOException {
        DataDirectory dir = new DataDirectory(tmp);
        try (SqliteMailStore s = openWithAlice(dir, StoreOptions.defaults())) {
            s.deliver(List.of("alice@example.test", "bob@example.test"), body("shared"));
            assertThat(s.blobStore().list()).hasSize(1);
            BlobId blob = s.blobStore().list().iterator().next();
            assertThat(Files.readString(s.blobStore().path(blob))).isEqualTo("shared");
            assertThat(s.blobStore().path(blob).getParent().getFileName().toString()).isEqualTo(blob.hex().substring(0, 2));
            for (String who : List.of("alice@example.test", "bob@example.test")) {
                User u = s.user(who).orElseThrow();
                long box = s.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id();
                assertThat(s.blobStore().exists(blob)).isTrue();
                s.expunge(box, List.of(1L));
            }
            assertThat(s.blobStore().exists(blob)).isFalse();
            assertThat(files(dir.tmp())).isEmpty();
        }
    }

    @Test
    void removingAUserDeletesTheFilesOnlyItReferenced() throws IOException {
        DataDirectory dir = new DataDirectory(tmp);
        try (SqliteMailStore s = openWithAlice(dir, StoreOptions.defaults())) {
            s.deliver(List.of("alice@example.test", "bob@example.test"), body("shared"));
            s.deliver(List.of("alice@example.test"), body("alice only"));
            assertThat(s.blobStore().list()).hasSize(2);
            s.removeUser(s.user("alice@example.test").orElseThrow().id());
            assertThat(s.blobStore().list()).hasSize(1);
            BlobId left = s.blobStore().list().iterator().next();
            assertThat(Files.readString(s.blobStore().path(left))).isEqualTo("shared");
            assertThat(s.integrityCheck()).containsExactly("ok");
        }
    }

    @Test
    void deliveryToNobodyLeavesNoFile() throws IOException {
        DataDirectory dir = new DataDirectory(tmp);
        try (SqliteMailStore s = openWithAlice(dir, StoreOptions.defaults())) {
            s.deliver(List.of("ghost@example.test"), body("x"));
            assertThat(s.blobStore().list()).isEmpty();
            assertThat(files(dir.tmp())).isEmpty();
        }
    }

    @Test
    void startupSweepsTmpAndUnreferencedBlobsButKeepsReferencedOnes() throws IOException {
        DataDirectory dir = new DataDirectory(tmp);
        BlobId kept;
        try (SqliteMailStore s = openWithAlice(dir, StoreOptions.defaults())) {
            s.deliver(List.of("alice@example.test"), body("keep me"));
            kept = s.referencedBlobs().iterator().next();
        }
        Files.writeString(dir.tmp().resolve(BlobId.random().hex() + ".tmp"), "half a message");
        BlobId orphan = BlobId.random();
        Path orphanFile = dir.blobs().resolve(orphan.hex().substring(0, 2)).resolve(orphan.hex());
        Files.createDirectories(orphanFile.getParent());
        Files.writeString(orphanFile, "renamed but never committed");

        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            assertThat(files(dir.tmp())).isEmpty();
            assertThat(s.blobStore().list()).containsExactly(kept);
            assertThat(Files.exists(orphanFile)).isFalse();
        }
    }

    @Test
    void bodiesAndParseCachesGoThroughTheSealer() throws IOException {
        DataDirectory dir = new DataDirectory(tmp);
        try (SqliteMailStore s = openWithAlice(dir, StoreOptions.defaults().withSealer(new XorSealer()))) {
            s.deliver(List.of("alice@example.test"), body("secret words"));
            long box = s.mailbox(s.user("alice@example.test").orElseThrow().id(), MailboxRole.INBOX).orElseThrow().id();
            s.cacheParse(box, 1, "envelope text", "structure text");
            MessageMeta m = s.message(box, 1).orElseThrow();
            assertThat(m.size()).isEqualTo(12);
            assertThat(m.envelope()).isEqualTo("envelope text");
            try (InputStream in = s.openBody(m)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("secret words");
            }
            byte[] onDisk = Files.readAllBytes(s.blobStore().path(m.blob()));
            assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
            assertThat(onDisk).hasSize(12);
        }
        byte[] db = Files.readAllBytes(dir.database());
        byte[] wal = Files.exists(Path.of(dir.database() + "-wal")) ? Files.readAllBytes(Path.of(dir.database() + "-wal")) : new byte[0];
        assertThat(new String(db, StandardCharsets.ISO_8859_1) + new String(wal, StandardCharsets.ISO_8859_1))
                .doesNotContain("envelope text").contains("sealed:");
    }

    @Test
    void appendedBodyAndTheParseResultsItCarriesGoThroughTheSealer() throws IOException {
        DataDirectory dir = new DataDirectory(tmp);
        try (SqliteMailStore s = openWithAlice(dir, StoreOptions.defaults().withSealer(new XorSealer()))) {
            long box = s.mailbox(s.user("alice@example.test").orElseThrow().id(), MailboxRole.SENT).orElseThrow().id();
            MessageMeta m = s.append(box, Set.of(), Instant.now(), body("appended secret"), "appended envelope",
                    "appended structure");
            assertThat(s.message(box, m.uid()).orElseThrow().envelope()).isEqualTo("appended envelope");
            try (InputStream in = s.openBody(m)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("appended secret");
            }
            assertThat(new String(Files.readAllBytes(s.blobStore().path(m.blob())), StandardCharsets.ISO_8859_1))
                    .doesNotContain("secret");
        }
        byte[] db = Files.readAllBytes(dir.database());
        byte[] wal = Files.exists(Path.of(dir.database() + "-wal")) ? Files.readAllBytes(Path.of(dir.database() + "-wal")) : new byte[0];
        assertThat(new String(db, StandardCharsets.ISO_8859_1) + new String(wal, StandardCharsets.ISO_8859_1))
                .doesNotContain("appended envelope").doesNotContain("appended structure");
    }

    @Test
    void backupIsAnOpenableCopyWithEveryReferencedBodyAndReportsProgress() throws IOException {
        DataDirectory dir = new DataDirectory(tmp.resolve("live"));
        List<Backup.Phase> phases = new ArrayList<>();
        Backup.Report report;
        try (SqliteMailStore s = openWithAlice(dir, StoreOptions.defaults())) {
            Files.writeString(dir.keys().resolve("dkim.key"), "key material");
            for (int i = 0; i < 3; i++) {
                s.deliver(List.of("alice@example.test"), body("message " + i));
            }
            report = new Backup(s).run(tmp.resolve("copy"), (phase, done, total) -> phases.add(phase));
            // the live store keeps working after a backup
            s.deliver(List.of("alice@example.test"), body("after backup"));
        }
        assertThat(report.blobFiles()).isEqualTo(3);
        assertThat(report.keyFiles()).isEqualTo(1);
        assertThat(phases).contains(Backup.Phase.DATABASE, Backup.Phase.BLOBS, Backup.Phase.KEYS).endsWith(Backup.Phase.DONE);
        DataDirectory copy = new DataDirectory(tmp.resolve("copy"));
        try (SqliteMailStore c = SqliteMailStore.open(copy, StoreOptions.defaults())) {
            assertThat(c.integrityCheck()).containsExactly("ok");
            User alice = c.user("alice@example.test").orElseThrow();
            List<MessageMeta> msgs = c.messages(c.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id());
            assertThat(msgs).hasSize(3);
            try (InputStream in = c.openBody(msgs.get(2))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("message 2");
            }
            assertThat(c.blobStore().list()).hasSize(3);
        }
        assertThat(Files.readString(copy.keys().resolve("dkim.key"))).isEqualTo("key material");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A test sealer: XOR for bytes, a prefixed reversal for text. Not encryption. */
    static final class XorSealer implements Sealer {
        @Override
        public OutputStream sealing(BlobId blob, OutputStream raw) {
            return new FilterOutputStream(raw) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b ^ 0x5a);
                }
            };
        }

        @Override
        public InputStream unsealing(BlobId blob, InputStream raw) {
            return new FilterInputStream(raw) {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    return b < 0 ? b : b ^ 0x5a;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    for (int i = 0; i < n; i++) {
                        b[off + i] ^= 0x5a;
                    }
                    return n;
                }
            };
        }

        @Override
        public String sealText(long userId, String plain) {
            return "sealed:" + new StringBuilder(plain).reverse();
        }

        @Override
        public String unsealText(long userId, String sealed) {
            return new StringBuilder(sealed.substring("sealed:".length())).reverse().toString();
        }
    }
}
