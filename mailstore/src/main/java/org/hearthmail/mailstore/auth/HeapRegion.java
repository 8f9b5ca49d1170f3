package org.hearthmail.mailstore.auth;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** Block memory from malloc (JNA {@link Memory}): 4 KiB pages; used when a mapping cannot be made. */
record HeapRegion(Memory memory) implements BlockRegion {
    /** @throws OutOfMemoryError or IllegalArgumentException when malloc refuses the size */
    static HeapRegion allocate(long bytes) {
        return new HeapRegion(new Memory(bytes));
    }

    @Override
    public Pointer pointer() {
        return memory;
    }

    @Override
    public long size() {
        return memory.size();
    }

    @Override
    public void close() {
        memory.close();
    }
}
