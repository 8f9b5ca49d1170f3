package org.hearthmail.mailstore.auth;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The three calls of the C library that back Argon2's block memory with anonymous mappings on
 * transparent huge pages ({@link MappedRegion}). Linux x86-64 and aarch64 constants.
 */
interface LibC extends Library {
    int PROT_READ = 0x1;
    int PROT_WRITE = 0x2;
    int MAP_PRIVATE = 0x02;
    int MAP_ANONYMOUS = 0x20;
    /** madvise(2): "Enable Transparent Huge Pages for the pages in the range" (THP mode madvise or always). */
    int MADV_HUGEPAGE = 14;
    /** mmap(2) returns (void *) -1 on failure. */
    long MAP_FAILED = -1L;

    /** {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)} */
    Pointer mmap(Pointer addr, LibArgon2.SizeT length, int prot, int flags, int fd, long offset);

    /** {@code int munmap(void *addr, size_t length)} */
    int munmap(Pointer addr, LibArgon2.SizeT length);

    /** {@code int madvise(void *addr, size_t length, int advice)} */
    int madvise(Pointer addr, LibArgon2.SizeT length, int advice);

    /** @throws LinkageError if the C library or JNA's own native part cannot be loaded */
    static LibC load() {
        return Native.load("c", LibC.class);
    }
}
