package org.hearthmail.mailstore.auth;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Argon2id computed by the reference implementation in C through JNA, with one thread per lane
 * (RFC 9106 §3.4: lanes are filled in parallel within each slice), so p=4 uses several cores.
 * Not fewer threads than lanes, even with fewer processors: no faster on an idle machine, and on a
 * busy one the scheduler shares the CPU per thread, so four threads get more of it than two
 * (docs/benchmarks.md, "Argon2id huge pages and BoringSSL"). Inputs are copied into native buffers of our
 * own that are zeroed before they are freed; the library also wipes its m KiB of blocks itself
 * (kept for the next hash by {@link NativeBlocks}) and, asked to by the flags, the password copy.
 */
final class NativeArgon2 implements Argon2Function {
    /**
     * More threads than this give no speed on the small machines the mailstore runs on, and a
     * crafted PHC string with a huge p must not make the library start that many threads. The
     * number of threads never changes the output, only how the lanes are scheduled.
     */
    static final int MAX_THREADS = 16;

    /** RFC 9106 §5.3: the Argon2id tag for password 32×01, salt 16×02, secret 8×03, ad 12×04, m=32, t=3, p=4. */
    private static final String RFC9106_ARGON2ID_TAG = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";

    private final LibArgon2 lib;
    private final String libraryName;
    private final NativeBlocks blocks;   // null: the library mallocs and frees each hash's blocks
    private final int maxThreads;

    private NativeArgon2(LibArgon2 lib, String libraryName, NativeBlocks blocks, int maxThreads) {
        this.lib = lib;
        this.libraryName = libraryName;
        this.blocks = blocks;
        this.maxThreads = maxThreads;
    }

    /**
     * Kept huge-page block memory, one thread per lane.
     *
     * @throws Unavailable if the library is not there or does not behave as the reference implementation
     */
    static NativeArgon2 load(String libraryName) throws Unavailable {
        return load(libraryName, Tuning.DEFAULT);
    }

    /** @param tuning other than {@link Tuning#DEFAULT} only to measure what each choice saves (Argon2idTiming) */
    static NativeArgon2 load(String libraryName, Tuning tuning) throws Unavailable {
        LibArgon2 lib;
        try {
            lib = LibArgon2.load(libraryName);
        } catch (LinkageError e) {
            throw new Unavailable(libraryName + " could not be loaded (" + e.getMessage() + ")", e);
        }
        NativeBlocks blocks = switch (tuning.memory()) {
            case KEPT_HUGE_PAGES -> NativeBlocks.hugePagesIfPossible();
            case KEPT_MALLOC -> new NativeBlocks(null);
            case LIBRARY_EACH_HASH -> null;
        };
        int threads = tuning.threadPerLane() ? MAX_THREADS
                : Math.min(MAX_THREADS, Math.max(1, Runtime.getRuntime().availableProcessors()));
        NativeArgon2 n = new NativeArgon2(lib, libraryName, blocks, threads);
        n.selfTest();
        return n;
    }

    /**
     * RFC 9106 §5.3, the Argon2id test vector: proves that the symbols resolve and that the
     * context struct is laid out as this library version expects (JNA resolves functions at their
     * first call, and a wrong layout would give wrong hashes, locking every user out).
     */
    private void selfTest() throws Unavailable {
        byte[] tag;
        try {
            tag = derive(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04),
                    new Argon2Params(32, 3, 4), 32);
        } catch (LinkageError | RuntimeException e) {   // JNA reports a missing symbol or callback trouble either way
            throw new Unavailable(libraryName + " failed its self-test (" + e.getMessage() + ")", e);
        }
        if (!Arrays.equals(tag, HexFormat.of().parseHex(RFC9106_ARGON2ID_TAG))) {
            throw new Unavailable(libraryName + " gave a wrong tag for the RFC 9106 test vector", null);
        }
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] ad, Argon2Params p, int length) {
        try (Memory out = new Memory(length);
             Buffer pwd = Buffer.of(password);
             Buffer s = Buffer.of(salt);
             Buffer k = Buffer.of(secret);
             Buffer x = Buffer.of(ad)) {
            LibArgon2.Context ctx = new LibArgon2.Context();
            ctx.out = out;
            ctx.outlen = length;
            ctx.pwd = pwd.pointer();
            ctx.pwdlen = pwd.length();
            ctx.salt = s.pointer();
            ctx.saltlen = s.length();
            ctx.secret = k.pointer();
            ctx.secretlen = k.length();
            ctx.ad = x.pointer();
            ctx.adlen = x.length();
            ctx.t_cost = p.iterations();
            ctx.m_cost = p.memoryKiB();
            ctx.lanes = p.parallelism();
            // argon2 core.c fills lanes in batches of `threads` when threads < lanes; the output is the same.
            ctx.threads = Math.min(p.parallelism(), maxThreads);
            ctx.version = LibArgon2.ARGON2_VERSION_13;
            if (blocks != null) {
                ctx.allocate_cbk = blocks.allocate;
                ctx.free_cbk = blocks.deallocate;
            }
            ctx.flags = LibArgon2.ARGON2_FLAG_CLEAR_PASSWORD | LibArgon2.ARGON2_FLAG_CLEAR_SECRET;
            int rc = lib.argon2_ctx(ctx, LibArgon2.ARGON2_ID);
            try {
                if (rc != LibArgon2.ARGON2_OK) {
                    throw new Argon2Exception("native Argon2id failed: " + lib.argon2_error_message(rc) + " (" + rc + ")");
                }
                return out.getByteArray(0, length);
            } finally {
                out.clear();
            }
        }
    }

    NativeBlocks blocks() {
        return blocks;
    }

    @Override
    public String description() {
        return "native " + libraryName + " (reference implementation in C, "
                + (maxThreads == MAX_THREADS ? "one thread per lane" : "up to " + maxThreads + " threads") + ", block memory "
                + (blocks == null ? "allocated per hash" : blocks.hugePages() ? "kept, huge pages advised" : "kept, malloc") + ")";
    }

    /**
     * How the native function runs; none of it changes the output.
     *
     * @param threadPerLane false: at most as many threads as processors (measured, not better)
     */
    record Tuning(BlockMemory memory, boolean threadPerLane) {
        static final Tuning DEFAULT = new Tuning(BlockMemory.KEPT_HUGE_PAGES, true);

        enum BlockMemory { KEPT_HUGE_PAGES, KEPT_MALLOC, LIBRARY_EACH_HASH }
    }

    /** The native library cannot serve: not installed, not loadable, or wrong results. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A native copy of an optional input, zeroed and freed on close; null input gives NULL and 0. */
    private record Buffer(Memory memory, int length) implements AutoCloseable {
        static Buffer of(byte[] bytes) {
            if (bytes == null || bytes.length == 0) {
                return new Buffer(null, 0);   // JNA cannot allocate 0 bytes; the library accepts NULL with length 0
            }
            Memory m = new Memory(bytes.length);
            m.write(0, bytes, 0, bytes.length);
            return new Buffer(m, bytes.length);
        }

        Pointer pointer() {
            return memory;
        }

        @Override
        public void close() {
            if (memory != null) {
                memory.clear();
                memory.close();
            }
        }
    }
}
