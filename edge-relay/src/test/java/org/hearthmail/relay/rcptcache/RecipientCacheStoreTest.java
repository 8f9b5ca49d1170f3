package org.hearthmail.relay.rcptcache;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.rcptcache.RecipientCacheFormatException;
import org.hearthmail.smtp.Mailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientCacheStoreTest {
    private static final byte[] SALT = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final Mailbox ALICE = new Mailbox("alice", "home.example");
    private static final Mailbox BOB = new Mailbox("bob", "home.example");
    @TempDir
    Path dir;

    private static byte[] push(long generation, Mailbox... known) {
        return RecipientCacheCodec.encode(RecipientCache.build(SALT, generation, "+", List.of(known), List.of()));
    }

    @Test
    void missingUntilTheFirstPushAndThenAnswersLookups() throws Exception {
        RecipientCacheStore store = RecipientCacheStore.open(dir.resolve("rcpt.cache"), SALT);
        assertThat(store.missing()).isTrue();
        assertThat(store.contains(ALICE)).isFalse();
        assertThat(store.replace(push(1, ALICE))).isEqualTo(new RecipientCacheStore.Outcome.Installed(1, 1));
        assertThat(store.missing()).isFalse();
        assertThat(store.contains(new Mailbox("Alice+tag", "home.example"))).isTrue();
        assertThat(store.contains(BOB)).isFalse();
    }

    @Test
    void aPushedCacheSurvivesARestart() throws Exception {
        Path file = dir.resolve("rcpt.cache");
        RecipientCacheStore.open(file, SALT).replace(push(7, BOB));
        RecipientCacheStore again = RecipientCacheStore.open(file, SALT);
        assertThat(again.missing()).isFalse();
        assertThat(again.contains(BOB)).isTrue();
        assertThat(again.current().orElseThrow().generation()).isEqualTo(7);
    }

    @Test
    void olderOrEqualGenerationsWithOtherContentAreRefusedAsOutdated() throws Exception {
        RecipientCacheStore store = RecipientCacheStore.open(dir.resolve("rcpt.cache"), SALT);
        store.replace(push(5, ALICE));
        assertThat(store.replace(push(5, BOB))).isEqualTo(new RecipientCacheStore.Outcome.Outdated(5));
        assertThat(store.replace(push(4, BOB))).isEqualTo(new RecipientCacheStore.Outcome.Outdated(5));
        assertThat(store.contains(ALICE)).isTrue();
        assertThat(store.contains(BOB)).isFalse();
        assertThat(store.replace(push(6, BOB))).isInstanceOf(RecipientCacheStore.Outcome.Installed.class);
        assertThat(store.contains(ALICE)).isFalse();
        assertThat(store.contains(BOB)).isTrue();
    }

    @Test
    void aDamagedPushChangesNothing() throws Exception {
        RecipientCacheStore store = RecipientCacheStore.open(dir.resolve("rcpt.cache"), SALT);
        store.replace(push(1, ALICE));
        byte[] bad = push(2, BOB);
        bad[bad.length - 1] ^= 1;
        assertThatThrownBy(() -> store.replace(bad)).isInstanceOf(RecipientCacheFormatException.class);
        assertThat(store.contains(ALICE)).isTrue();
        assertThat(RecipientCacheStore.open(dir.resolve("rcpt.cache"), SALT).contains(ALICE)).isTrue();
    }

    @Test
    void aDamagedFileAtStartIsMovedAsideAndTheRelayRunsAsIfNoneWasPushed() throws Exception {
        Path file = dir.resolve("rcpt.cache");
        Files.write(file, new byte[] {1, 2, 3});
        RecipientCacheStore store = RecipientCacheStore.open(file, SALT);
        assertThat(store.missing()).isTrue();
        assertThat(store.answer(ALICE)).isEqualTo(RecipientCacheStore.Answer.CANNOT_TELL);
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("rcpt.cache.bad")).hasBinaryContent(new byte[] {1, 2, 3});
        store.replace(push(1, ALICE));
        assertThat(store.answer(ALICE)).isEqualTo(RecipientCacheStore.Answer.DELIVERABLE);
    }

    @Test
    void aCacheOlderThanTheMaximumAgeCannotTellAndAConfirmingPushMakesItFreshAgain() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        RecipientCacheStore store = RecipientCacheStore.open(dir.resolve("rcpt.cache"), SALT, clock, java.time.Duration.ofDays(7));
        byte[] one = push(1, ALICE);
        store.replace(one);
        clock.advance(java.time.Duration.ofDays(6));
        assertThat(store.answer(ALICE)).isEqualTo(RecipientCacheStore.Answer.DELIVERABLE);
        assertThat(store.answer(BOB)).isEqualTo(RecipientCacheStore.Answer.UNKNOWN);
        assertThat(store.describe()).isEqualTo("generation 1, 1 entries, age 6d0h");
        clock.advance(java.time.Duration.ofDays(2));
        assertThat(store.stale()).isTrue();
        assertThat(store.answer(ALICE)).isEqualTo(RecipientCacheStore.Answer.CANNOT_TELL);
        assertThat(store.answer(BOB)).isEqualTo(RecipientCacheStore.Answer.CANNOT_TELL);
        assertThat(store.replace(one)).isEqualTo(new RecipientCacheStore.Outcome.Confirmed(1));
        assertThat(store.stale()).isFalse();
        assertThat(store.answer(BOB)).isEqualTo(RecipientCacheStore.Answer.UNKNOWN);
    }

    @Test
    void aLeftoverTempFileIsRemovedAtOpen() throws Exception {
        Path file = dir.resolve("rcpt.cache");
        Files.write(dir.resolve("rcpt.cache.tmp"), new byte[] {9});
        RecipientCacheStore.open(file, SALT);
        assertThat(dir.resolve("rcpt.cache.tmp")).doesNotExist();
    }
}
