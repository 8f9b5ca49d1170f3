package org.hearthmail.relay.gate;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearthmail.dns.InetAddressLiteral;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BanListTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private static InetAddress ip(String s) {
        return InetAddressLiteral.parse(s);
    }

    @Test
    void banExpiresAfterItsDuration() {
        BanList bans = BanList.inMemory(clock, 10);
        bans.ban(ip("192.0.2.1"), Duration.ofMinutes(5), "early talker");
        assertThat(bans.find(ip("192.0.2.1"))).hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo("early talker"));
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(bans.find(ip("192.0.2.1"))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(bans.find(ip("192.0.2.1"))).isEmpty();
        assertThat(bans.size()).isZero();
    }

    @Test
    void aShorterBanDoesNotShortenALongerOne() {
        BanList bans = BanList.inMemory(clock, 10);
        bans.ban(ip("192.0.2.1"), Duration.ofHours(2), "auth failures");
        bans.ban(ip("192.0.2.1"), Duration.ofMinutes(1), "protocol errors");
        clock.advance(Duration.ofHours(1));
        assertThat(bans.find(ip("192.0.2.1"))).hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo("auth failures"));
    }

    @Test
    void fullListDropsTheBanEndingSoonest() {
        BanList bans = BanList.inMemory(clock, 3);
        bans.ban(ip("192.0.2.1"), Duration.ofHours(3), "a");
        bans.ban(ip("192.0.2.2"), Duration.ofHours(1), "b");
        bans.ban(ip("192.0.2.3"), Duration.ofHours(2), "c");
        bans.ban(ip("192.0.2.4"), Duration.ofHours(4), "d");
        assertThat(bans.active()).extracting(b -> b.address().getHostAddress())
                .containsExactly("192.0.2.3", "192.0.2.1", "192.0.2.4");
        bans.ban(ip("192.0.2.5"), Duration.ofMinutes(1), "e");
        assertThat(bans.find(ip("192.0.2.5"))).as("shorter than every kept ban: not added").isEmpty();
        assertThat(bans.size()).isEqualTo(3);
    }

    @Test
    void reasonFromAnotherHostIsCleanedOfLineBreaksAndControls() {
        BanList bans = BanList.inMemory(clock, 10);
        bans.ban(ip("192.0.2.1"), Duration.ofMinutes(1), "bad\r\n250 OK\tx" + "y".repeat(500));
        String reason = bans.find(ip("192.0.2.1")).orElseThrow().reason();
        assertThat(reason).doesNotContain("\r", "\n", "\t").startsWith("bad??250 OK?xy").hasSizeLessThanOrEqualTo(Ban.MAX_REASON);
    }

    @Test
    void bansSurviveARestartThroughTheFileAndExpiredOnesAreNotLoaded() throws Exception {
        BanFile file = new BanFile(dir.resolve("bans.txt"));
        BanList bans = BanList.persistent(file, clock, 100, io);
        bans.ban(ip("192.0.2.1"), Duration.ofHours(1), "mailstore: 10 failed logins");
        bans.ban(ip("2001:db8::77"), Duration.ofDays(1), "early talker");
        bans.ban(ip("198.51.100.9"), Duration.ofMinutes(1), "short");
        bans.flushed().get(5, TimeUnit.SECONDS);

        clock.advance(Duration.ofMinutes(2));
        BanList restarted = BanList.persistent(file, clock, 100, io);
        assertThat(restarted.find(ip("192.0.2.1"))).hasValueSatisfying(b -> {
            assertThat(b.reason()).isEqualTo("mailstore: 10 failed logins");
            assertThat(b.until()).isEqualTo(java.time.Instant.parse("2025-01-01T01:00:00Z"));
        });
        assertThat(restarted.find(ip("2001:db8::77"))).isPresent();
        assertThat(restarted.find(ip("198.51.100.9"))).isEmpty();
        assertThat(restarted.size()).isEqualTo(2);

        restarted.unban(ip("192.0.2.1"));
        restarted.flushed().get(5, TimeUnit.SECONDS);
        assertThat(BanList.persistent(file, clock, 100, io).find(ip("192.0.2.1"))).isEmpty();
        assertThat(Files.list(dir)).as("no temporary file left behind").containsExactly(file.path());
    }

    @Test
    void aCorruptLineIsSkippedWithoutLosingTheOthers() throws Exception {
        Path p = dir.resolve("bans.txt");
        long until = clock.instant().plusSeconds(3600).getEpochSecond();
        Files.writeString(p, BanFile.HEADER + "\nnot an address\t1\tx\n192.0.2.1\t" + until + "\tok\n192.0.2.2\tsoon\tbad\n",
                StandardCharsets.UTF_8);
        BanList bans = BanList.persistent(new BanFile(p), clock, 100, io);
        assertThat(bans.active()).extracting(Ban::reason).containsExactly("ok");
    }

    @Test
    void aFileWithoutTheVersionLineIsRefusedNamingTheFile() throws Exception {
        Path p = dir.resolve("bans.txt");
        Files.writeString(p, "192.0.2.1\t1\tx\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BanList.persistent(new BanFile(p), clock, 100, io))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining(p.toString());
    }
}
