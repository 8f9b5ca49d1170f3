package org.hearthmail.mailstore.auth;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory libargon2 asks for (the m KiB of RFC 9106 §3.2 blocks), kept for the next hash
 * instead of freed. A fresh 64 MiB block costs a page fault per page on its first pass (about
 * 45 ms with 4 KiB pages, a fifth of a LOGIN); a reused block is resident already. Blocks are
 * huge-page mappings ({@link MappedRegion}) when the C library can be called, else malloc'd. The
 * library wipes a block before handing it back (argon2 core.c free_memory), so an idle block holds
 * zeros, never traces of a password. At most one idle block is kept: the memory budget lets few
 * hashes run at once, and this is the memory BouncyCastle's blocks would keep in the heap anyway.
 * The idle block goes back to the system once no hash took it for {@link #KEEP_IDLE} (ADR 0011): a
 * burst of logins (a client opening its connections, a benchmark) reuses it, and a home server that
 * sees a login now and then does not hold 64 MiB for it all day.
 */
final class NativeBlocks {
    private static final Logger LOG = LoggerFactory.getLogger(NativeBlocks.class);
    /**
     * How long the idle block is kept after the last hash handed it back: longer than the gaps
     * between the logins of one client opening its connections (well under a second each), short
     * enough that the 64 MiB are not resident beside the heap's growth under the commands that
     * follow. The first login after it pays the fresh block's page faults (32 huge pages) once.
     */
    static final Duration KEEP_IDLE = Duration.ofSeconds(5);
    /** One daemon thread for every instance, started on demand and gone again when nothing waits. */
    private static final ScheduledThreadPoolExecutor RELEASER = releaser();

    private final LibC libc;   // null: malloc'd blocks (4 KiB pages)
    private final long keepIdleNanos;
    private final Map<Long, BlockRegion> lent = new ConcurrentHashMap<>();
    private BlockRegion idle;   // guarded by this
    private ScheduledFuture<?> release;   // guarded by this: the pending release of idle

    /** For {@link LibArgon2.Context#allocate_cbk}; never throws into native code. */
    final LibArgon2.Allocate allocate = this::allocate;
    /** For {@link LibArgon2.Context#free_cbk}; never throws into native code. */
    final LibArgon2.Deallocate deallocate = this::deallocate;

    /** @param libc the C library for huge-page mappings, or null for malloc'd blocks */
    NativeBlocks(LibC libc) {
        this(libc, KEEP_IDLE);
    }

    /** @param keepIdle how long an idle block stays mapped after the last hash (tests shorten it) */
    NativeBlocks(LibC libc, Duration keepIdle) {
        this.libc = libc;
        this.keepIdleNanos = keepIdle.toNanos();
    }

    private static ScheduledThreadPoolExecutor releaser() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "argon2-block-release");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        e.setKeepAliveTime(5, TimeUnit.SECONDS);
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /** Huge-page mappings if the C library loads, else malloc'd blocks. */
    static NativeBlocks hugePagesIfPossible() {
        try {
            return new NativeBlocks(LibC.load());
        } catch (LinkageError e) {
            LOG.info("Argon2 block memory from malloc: the C library could not be mapped ({})", e.getMessage());
            return new NativeBlocks(null);
        }
    }

    boolean hugePages() {
        return libc != null;
    }

    private int allocate(PointerByReference memory, LibArgon2.SizeT bytes) {
        BlockRegion r = takeIdle(bytes.longValue());
        if (r == null) {
            r = fresh(bytes.longValue());
        }
        if (r == null) {
            memory.setValue(null);   // the library answers ARGON2_MEMORY_ALLOCATION_ERROR
            return LibArgon2.ARGON2_MEMORY_ALLOCATION_ERROR;
        }
        lent.put(Pointer.nativeValue(r.pointer()), r);
        memory.setValue(r.pointer());
        return LibArgon2.ARGON2_OK;
    }

    private BlockRegion fresh(long bytes) {
        if (libc != null) {
            MappedRegion m = MappedRegion.map(libc, bytes);
            if (m != null) {
                return m;
            }
        }
        try {
            return HeapRegion.allocate(bytes);
        } catch (OutOfMemoryError | IllegalArgumentException e) {
            return null;
        }
    }

    private void deallocate(Pointer memory, LibArgon2.SizeT bytes) {
        BlockRegion r = memory == null ? null : lent.remove(Pointer.nativeValue(memory));
        if (r == null) {
            LOG.error("libargon2 freed a block it was not given ({} bytes); left alone", bytes.longValue());
            return;
        }
        BlockRegion replaced;
        synchronized (this) {
            replaced = idle;
            idle = r;
            cancelRelease();
            release = RELEASER.schedule(() -> releaseIdle(r), keepIdleNanos, TimeUnit.NANOSECONDS);
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    private synchronized BlockRegion takeIdle(long bytes) {
        if (idle == null || idle.size() != bytes) {
            return null;
        }
        BlockRegion r = idle;
        idle = null;
        cancelRelease();
        return r;
    }

    /** Unmaps {@code expected} if it is still the idle block (not taken again since it was scheduled). */
    private void releaseIdle(BlockRegion expected) {
        synchronized (this) {
            if (idle != expected) {
                return;
            }
            idle = null;
            release = null;
        }
        expected.close();
        LOG.debug("Argon2 block memory ({} KiB) returned after {} s without a hash", expected.size() / 1024,
                TimeUnit.NANOSECONDS.toSeconds(keepIdleNanos));
    }

    private void cancelRelease() {
        if (release != null) {
            release.cancel(false);
            release = null;
        }
    }

    /** The block kept for the next hash, or null (tests). */
    synchronized BlockRegion idle() {
        return idle;
    }

    int lentBlocks() {
        return lent.size();
    }
}
