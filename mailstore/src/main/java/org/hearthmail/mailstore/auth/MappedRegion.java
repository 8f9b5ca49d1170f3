package org.hearthmail.mailstore.auth;

import com.sun.jna.Pointer;

/**
 * Block memory from an anonymous mapping, aligned to 2 MiB and marked {@code MADV_HUGEPAGE}, so
 * that with transparent huge pages in {@code madvise} (Debian's default) or {@code always} mode
 * the kernel backs it with 2 MiB pages. Argon2 reads a pseudo-random earlier block for every block
 * it computes (RFC 9106 §3.4); over 64 MiB of 4 KiB pages nearly every such read misses the TLB,
 * over 2 MiB pages 32 entries cover all of it, and the first pass faults 32 pages instead of 16 384.
 * Without huge pages (mode {@code never}) it is an ordinary mapping and works the same.
 *
 * @param base       what mmap returned (unmapped on close)
 * @param mappedSize what was mapped: the size asked for plus the alignment slack
 * @param pointer    the 2 MiB aligned start handed to the library
 * @param size       the size asked for
 */
record MappedRegion(LibC libc, Pointer base, long mappedSize, Pointer pointer, long size) implements BlockRegion {
    static final long HUGE_PAGE = 2L * 1024 * 1024;

    /** A new mapping of {@code bytes}, or null if the kernel refused it. */
    static MappedRegion map(LibC libc, long bytes) {
        if (bytes <= 0 || bytes > Long.MAX_VALUE - HUGE_PAGE) {
            return null;
        }
        long mapped = bytes + HUGE_PAGE;   // room to slide the start to a 2 MiB boundary
        Pointer base = libc.mmap(null, new LibArgon2.SizeT(mapped), LibC.PROT_READ | LibC.PROT_WRITE,
                LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0L);
        if (base == null || Pointer.nativeValue(base) == LibC.MAP_FAILED) {
            return null;
        }
        long start = (Pointer.nativeValue(base) + HUGE_PAGE - 1) & -HUGE_PAGE;
        Pointer aligned = new Pointer(start);
        // Only advice: refused (THP compiled out) the mapping still serves with 4 KiB pages.
        libc.madvise(aligned, new LibArgon2.SizeT(bytes), LibC.MADV_HUGEPAGE);
        return new MappedRegion(libc, base, mapped, aligned, bytes);
    }

    @Override
    public void close() {
        libc.munmap(base, new LibArgon2.SizeT(mappedSize));
    }
}
