package org.hearthmail.mailstore.auth;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory libargon2 asks for (the m KiB of RFC 9106 §3.2 blocks), kept for the next hash
 * instead of freed. A fresh 64 MiB block comes from mmap and costs a page fault per page on its
 * first pass (about 45 ms here, a fifth of a LOGIN); a reused block is resident already. The
 * library wipes a block before handing it back (argon2 core.c free_memory), so an idle block holds
 * zeros, never traces of a password. At most one idle block is kept: the memory budget lets few
 * hashes run at once, and this is the memory BouncyCastle's blocks would keep in the heap anyway.
 */
final class NativeBlocks {
    private static final Logger LOG = LoggerFactory.getLogger(NativeBlocks.class);

    private final Map<Long, Memory> lent = new ConcurrentHashMap<>();
    private Memory idle;   // guarded by this

    /** For {@link LibArgon2.Context#allocate_cbk}; never throws into native code. */
    final LibArgon2.Allocate allocate = this::allocate;
    /** For {@link LibArgon2.Context#free_cbk}; never throws into native code. */
    final LibArgon2.Deallocate deallocate = this::deallocate;

    private int allocate(PointerByReference memory, LibArgon2.SizeT bytes) {
        Memory m = takeIdle(bytes.longValue());
        if (m == null) {
            try {
                m = new Memory(bytes.longValue());
            } catch (OutOfMemoryError | IllegalArgumentException e) {
                memory.setValue(null);   // the library answers ARGON2_MEMORY_ALLOCATION_ERROR
                return LibArgon2.ARGON2_MEMORY_ALLOCATION_ERROR;
            }
        }
        lent.put(Pointer.nativeValue(m), m);
        memory.setValue(m);
        return LibArgon2.ARGON2_OK;
    }

    private void deallocate(Pointer memory, LibArgon2.SizeT bytes) {
        Memory m = memory == null ? null : lent.remove(Pointer.nativeValue(memory));
        if (m == null) {
            LOG.error("libargon2 freed a block it was not given ({} bytes); left alone", bytes.longValue());
            return;
        }
        Memory replaced;
        synchronized (this) {
            replaced = idle;
            idle = m;
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    private synchronized Memory takeIdle(long bytes) {
        if (idle == null || idle.size() != bytes) {
            return null;
        }
        Memory m = idle;
        idle = null;
        return m;
    }

    /** The block kept for the next hash, or null (tests). */
    synchronized Memory idle() {
        return idle;
    }

    int lentBlocks() {
        return lent.size();
    }
}
