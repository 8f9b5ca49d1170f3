package org.hearthmail.mailstore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native Argon2id (libargon2.so.1 through JNA) against BouncyCastle's: same bytes both ways,
 * hashes interchangeable, and the fallback when the library cannot serve. Needs Debian's
 * libargon2-1; skipped only when no libargon2.so.1 file exists at all (a library that is present
 * but fails to load or to pass its self-test fails these tests).
 */
class NativeArgon2Test {
    private static final BouncyCastleArgon2 JAVA = new BouncyCastleArgon2();
    private static final String RFC9106_TAG = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";
    private static final Pattern SMAPS_RANGE = Pattern.compile("([0-9a-f]+)-([0-9a-f]+) ");
    private static NativeArgon2 nativeArgon2;

    @BeforeAll
    static void loadNative() throws NativeArgon2.Unavailable {
        assumeTrue(Libargon2Files.installed(), "Debian package libargon2-1 not installed (no libargon2.so.1)");
        nativeArgon2 = NativeArgon2.load(LibArgon2.SONAME);
    }

    @Test
    void nativeArgon2idMatchesRfc9106TestVector() {
        assertThat(rfc9106Tag(nativeArgon2)).isEqualTo(RFC9106_TAG);
    }

    @Test
    void nativeAndBouncyCastleGiveIdenticalTagsForRandomInputs() {
        long seed = new SecureRandom().nextLong();
        Random r = new Random(seed);
        for (int i = 0; i < 24; i++) {
            int lanes = 1 + r.nextInt(6);
            Argon2Params p = new Argon2Params(8 * lanes + r.nextInt(1024), 1 + r.nextInt(3), lanes);
            byte[] password = bytes(r, r.nextInt(70));              // includes the empty password
            byte[] salt = bytes(r, 8 + r.nextInt(40));
            byte[] secret = r.nextInt(3) == 0 ? bytes(r, 1 + r.nextInt(32)) : null;
            byte[] ad = r.nextInt(3) == 0 ? bytes(r, 1 + r.nextInt(32)) : null;
            int length = 4 + r.nextInt(100);                         // past 64 bytes H' chains BLAKE2b (RFC 9106 §3.3)
            assertThat(nativeArgon2.derive(password, salt, secret, ad, p, length))
                    .as("seed %d, case %d: %s, password %d bytes, salt %d, secret %s, ad %s, tag %d", seed, i, p,
                            password.length, salt.length, secret == null ? "none" : secret.length,
                            ad == null ? "none" : ad.length, length)
                    .isEqualTo(JAVA.derive(password, salt, secret, ad, p, length));
        }
    }

    /** The parameters every stored hash uses: m=64 MiB, t=3, p=4 (RFC 9106 §4, second option). */
    @Test
    void productionParametersGiveIdenticalTags() {
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        byte[] salt = filled(16, 0x5a);
        Argon2Params p = Argon2Params.RFC9106_LOW_MEMORY;
        assertThat(nativeArgon2.derive(password, salt, null, null, p, 32))
                .isEqualTo(JAVA.derive(password, salt, null, null, p, 32));
    }

    @Test
    void aHashMadeByEitherImplementationVerifiesWithTheOther() {
        Argon2Params p = new Argon2Params(256, 2, 4);
        PasswordHasher withNative = new PasswordHasher(p, new SecureRandom(), Argon2id.using(nativeArgon2));
        PasswordHasher withJava = new PasswordHasher(p, new SecureRandom(), Argon2id.using(JAVA));

        String nativeHash = withNative.hash("pässwörd with ümlauts".toCharArray());
        String javaHash = withJava.hash("pässwörd with ümlauts".toCharArray());

        assertThat(withJava.verify("pässwörd with ümlauts".toCharArray(), nativeHash)).isTrue();
        assertThat(withNative.verify("pässwörd with ümlauts".toCharArray(), javaHash)).isTrue();
        assertThat(withJava.verify("passwörd with ümlauts".toCharArray(), nativeHash)).isFalse();
        assertThat(withNative.verify("passwörd with ümlauts".toCharArray(), javaHash)).isFalse();
    }

    /** The library wipes its own copy of the password; the caller's arrays must come back untouched. */
    @Test
    void nativeLeavesTheCallersArraysAsTheyWere() {
        byte[] password = filled(20, 0x41);
        byte[] secret = filled(8, 0x42);
        byte[] salt = filled(16, 0x43);
        nativeArgon2.derive(password, salt, secret, null, new Argon2Params(64, 1, 2), 32);
        assertThat(password).isEqualTo(filled(20, 0x41));
        assertThat(secret).isEqualTo(filled(8, 0x42));
        assertThat(salt).isEqualTo(filled(16, 0x43));
    }

    @Test
    void theBlockMemoryIsKeptForTheNextHashAndHoldsOnlyZeros() throws NativeArgon2.Unavailable {
        NativeArgon2 fresh = NativeArgon2.load(LibArgon2.SONAME);
        Argon2Params p = new Argon2Params(256, 2, 2);
        byte[] first = fresh.derive(filled(12, 0x61), filled(16, 0x62), null, null, p, 32);
        BlockRegion kept = fresh.blocks().idle();
        assertThat(kept.size()).isEqualTo(256 * 1024);
        assertThat(kept.pointer().getByteArray(0, 256 * 1024)).as("wiped by the library before it was handed back")
                .containsOnly((byte) 0);

        byte[] second = fresh.derive(filled(12, 0x61), filled(16, 0x62), null, null, p, 32);
        assertThat(second).as("a reused block gives the same tag").isEqualTo(first);
        assertThat(fresh.blocks().idle()).as("the same block served the second hash").isSameAs(kept);
        assertThat(fresh.blocks().lentBlocks()).isZero();

        fresh.derive(filled(12, 0x61), filled(16, 0x62), null, null, new Argon2Params(512, 1, 2), 32);
        assertThat(fresh.blocks().idle().size()).as("another memory cost replaces the kept block").isEqualTo(512 * 1024);
    }

    /** Logins run on several workers at once: the shared block pool must hand each hash its own block. */
    @Test
    void concurrentHashesEachGetTheirOwnBlockAndTheRightTag() throws Exception {
        NativeArgon2 shared = NativeArgon2.load(LibArgon2.SONAME);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] password = filled(10, i);
                Argon2Params p = new Argon2Params(128 * (1 + i % 2), 1, 2);   // two sizes: blocks swap in and out
                results.add(pool.submit(() -> Arrays.equals(shared.derive(password, filled(16, 7), null, null, p, 32),
                        JAVA.derive(password, filled(16, 7), null, null, p, 32))));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.blocks().lentBlocks()).isZero();
    }

    /** The allocate callback runs inside native code: a failed allocation must come back as NULL, not as a throw. */
    @Test
    void aBlockThatCannotBeAllocatedIsReportedAsNullToTheLibrary() {
        NativeBlocks blocks = NativeBlocks.hugePagesIfPossible();
        PointerByReference memory = new PointerByReference(new Memory(8));
        int rc = blocks.allocate.invoke(memory, new LibArgon2.SizeT(Long.MAX_VALUE));
        assertThat(rc).isEqualTo(LibArgon2.ARGON2_MEMORY_ALLOCATION_ERROR);
        assertThat(memory.getValue()).isNull();
        assertThat(blocks.lentBlocks()).isZero();
    }

    @Test
    void nativeFailureIsATypedExceptionNamingTheCause() {
        // argon2.h: ARGON2_MIN_SALT_LENGTH 8 (RFC 9106 §3.1 asks at least 8 bytes too).
        assertThatThrownBy(() -> nativeArgon2.derive(filled(8, 1), filled(4, 2), null, null, new Argon2Params(64, 1, 1), 32))
                .isInstanceOf(Argon2Exception.class)
                .hasMessageContaining("Salt is too short");
    }

    @Test
    void theInstalledLibraryIsChosenForTheProcess() {
        assertThat(Argon2id.choose(LibArgon2.SONAME).function()).isInstanceOf(NativeArgon2.class);
        assertThat(Argon2id.system().function()).isInstanceOf(NativeArgon2.class);
    }

    @Test
    void anAbsentLibraryFallsBackToBouncyCastleWhichStillHashesCorrectly() {
        Argon2id chosen = Argon2id.choose("libhearthmail-no-such-argon2.so.1");
        assertThat(chosen.function()).isInstanceOf(BouncyCastleArgon2.class);
        assertThat(rfc9106Tag(chosen.function())).isEqualTo(RFC9106_TAG);
    }

    /** A library that loads but has no argon2_ctx fails the self-test instead of failing a login later. */
    @Test
    void aLibraryWithoutArgon2FailsItsSelfTestAndFallsBack() {
        assertThatThrownBy(() -> NativeArgon2.load("libc.so.6"))
                .isInstanceOf(NativeArgon2.Unavailable.class)
                .hasMessageContaining("libc.so.6 failed its self-test");
        assertThat(Argon2id.choose("libc.so.6").function()).isInstanceOf(BouncyCastleArgon2.class);
    }

    /** Block memory and thread count only schedule the work: every tuning gives BouncyCastle's bytes. */
    @Test
    void everyTuningGivesTheSameTagAsBouncyCastle() throws NativeArgon2.Unavailable {
        Argon2Params p = new Argon2Params(1024, 2, 4);
        byte[] expected = JAVA.derive(filled(20, 0x31), filled(16, 0x32), null, null, p, 32);
        for (NativeArgon2.Tuning.BlockMemory memory : NativeArgon2.Tuning.BlockMemory.values()) {
            for (boolean threadPerLane : new boolean[] {false, true}) {
                NativeArgon2 n = NativeArgon2.load(LibArgon2.SONAME, new NativeArgon2.Tuning(memory, threadPerLane));
                for (int round = 0; round < 2; round++) {   // the second round reuses a kept block
                    assertThat(n.derive(filled(20, 0x31), filled(16, 0x32), null, null, p, 32))
                            .as("%s, thread per lane %s, round %d", memory, threadPerLane, round).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * With transparent huge pages in madvise or always mode (Debian's default is madvise) the kept
     * block is a 2 MiB aligned mapping that the kernel backs with huge pages: AnonHugePages of its
     * mapping in /proc/self/smaps is not zero.
     */
    @Test
    void theKeptBlockIsBackedByHugePagesWhereTheKernelOffersThem() throws Exception {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        assumeTrue(Files.exists(thp) && !Files.readString(thp).contains("[never]"),
                "transparent huge pages are off in this kernel (" + thp + ")");
        NativeArgon2 n = NativeArgon2.load(LibArgon2.SONAME);
        n.derive(filled(12, 0x41), filled(16, 0x42), null, null, new Argon2Params(8 * 1024, 1, 2), 32);
        BlockRegion kept = n.blocks().idle();
        assertThat(kept).isInstanceOf(MappedRegion.class);
        long start = Pointer.nativeValue(kept.pointer());
        assertThat(start % MappedRegion.HUGE_PAGE).isZero();
        assertThat(anonHugePagesKiB(start)).as("AnonHugePages of the mapping holding the block").isPositive();
        // Not closed here: n's NativeBlocks unmaps it after its keep time, and a second munmap of the
        // range could hit whatever the JVM mapped there since.
    }

    /** ADR 0011: the kept block goes back to the system once no hash took it for the keep time. */
    @Test
    void anIdleBlockIsUnmappedOnceNoHashTookItForTheKeepTime() throws Exception {
        NativeBlocks blocks = new NativeBlocks(LibC.load(), Duration.ofMillis(300));
        long address = lendAndReturn(blocks, 4L * 1024 * 1024);
        assertThat(blocks.idle()).as("kept right after the hash").isNotNull();
        assertThat(mapped(address)).isTrue();

        assertThat(waitUntilReleased(blocks)).as("released within 10 s of a 300 ms keep time").isTrue();
        assertThat(mapped(address)).as("its mapping is gone from /proc/self/smaps").isFalse();
    }

    /** A block taken by the next hash within the keep time stays mapped under that hash, however long it runs. */
    @Test
    void aBlockTakenAgainWithinTheKeepTimeIsNotReleasedUnderTheHash() throws Exception {
        long bytes = 4L * 1024 * 1024;
        NativeBlocks blocks = new NativeBlocks(LibC.load(), Duration.ofMillis(300));
        long address = lendAndReturn(blocks, bytes);
        PointerByReference again = new PointerByReference();
        assertThat(blocks.allocate.invoke(again, new LibArgon2.SizeT(bytes))).isEqualTo(LibArgon2.ARGON2_OK);
        assertThat(Pointer.nativeValue(again.getValue())).as("the kept block served the next hash").isEqualTo(address);

        Thread.sleep(900);   // three keep times while the block is lent
        assertThat(mapped(address)).as("still mapped while lent").isTrue();
        assertThat(blocks.lentBlocks()).isEqualTo(1);

        blocks.deallocate.invoke(again.getValue(), new LibArgon2.SizeT(bytes));
        assertThat(waitUntilReleased(blocks)).isTrue();
        assertThat(mapped(address)).isFalse();
    }

    /** Lends a block of {@code bytes} as libargon2 would ask for it and hands it back; its address. */
    private static long lendAndReturn(NativeBlocks blocks, long bytes) {
        PointerByReference memory = new PointerByReference();
        assertThat(blocks.allocate.invoke(memory, new LibArgon2.SizeT(bytes))).isEqualTo(LibArgon2.ARGON2_OK);
        Pointer p = memory.getValue();
        blocks.deallocate.invoke(p, new LibArgon2.SizeT(bytes));
        return Pointer.nativeValue(p);
    }

    private static boolean waitUntilReleased(NativeBlocks blocks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blocks.idle() != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return blocks.idle() == null;
    }

    /** Whether a /proc/self/smaps entry holds {@code address}. */
    private static boolean mapped(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            Matcher range = SMAPS_RANGE.matcher(line);
            if (range.lookingAt() && Long.parseUnsignedLong(range.group(1), 16) <= address
                    && address < Long.parseUnsignedLong(range.group(2), 16)) {
                return true;
            }
        }
        return false;
    }

    /** The AnonHugePages line of the /proc/self/smaps entry whose address range holds {@code address}. */
    private static long anonHugePagesKiB(long address) throws IOException {
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            Matcher range = SMAPS_RANGE.matcher(line);
            if (range.lookingAt()) {
                inside = Long.parseUnsignedLong(range.group(1), 16) <= address && address < Long.parseUnsignedLong(range.group(2), 16);
            } else if (inside && line.startsWith("AnonHugePages:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no mapping holds 0x" + Long.toHexString(address));
    }

    /** RFC 9106 §5.3: the Argon2id test vector's inputs, with secret and associated data. */
    private static String rfc9106Tag(Argon2Function f) {
        return HexFormat.of().formatHex(f.derive(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04),
                new Argon2Params(32, 3, 4), 32));
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
