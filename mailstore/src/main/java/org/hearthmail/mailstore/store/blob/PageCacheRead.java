package org.hearthmail.mailstore.store.blob;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a small file only if the kernel can answer from its page cache, without waiting for the
 * disk: {@code preadv2(2)} with {@code RWF_NOWAIT} ("If this flag is specified, the preadv2() system
 * call will return instantly if it would have to read data from the backing storage or wait for a
 * lock. If some data was successfully read, it will return the number of bytes read. If no bytes
 * were read, it will return -1 and set errno to EAGAIN"; Linux 4.14+). An event loop may call it: a
 * miss costs a few microseconds and the caller hands the work to a thread that may block.
 *
 * <p>Opening the file looks its name up, which may read a directory block from disk when the
 * directory is not cached; message files are looked up by FETCH, which found their rows first, so in
 * practice their directory entries are cached. Linux x86-64 and aarch64 (LP64) only; elsewhere, or
 * where the kernel or file system does not support the flag, every read is a miss.
 */
final class PageCacheRead {
    private static final Logger LOG = LoggerFactory.getLogger(PageCacheRead.class);
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int RWF_NOWAIT = 0x8;
    private static final int EAGAIN = 11;
    private static final boolean AVAILABLE = register();

    private static volatile boolean supported = AVAILABLE;

    private PageCacheRead() {
    }

    private static boolean register() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return false;
        }
        try {
            Native.register(PageCacheRead.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.info("reads from the page cache without waiting are not available ({}); FETCH reads on workers", e.toString());
            return false;
        }
    }

    private static native int open(String path, int flags);

    private static native long preadv2(int fd, Pointer iov, int iovcnt, long offset, int flags);

    private static native int close(int fd);

    /**
     * The whole content of {@code file} if it is at most {@code maxSize} bytes long and all of it is
     * in the page cache, else null (not cached, longer, not supported, or any error: the caller then
     * reads the normal way, which reports real errors).
     */
    static byte[] read(Path file, int maxSize) {
        if (!supported || maxSize < 0 || maxSize == Integer.MAX_VALUE) {
            return null;
        }
        int fd = open(file.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return null;
        }
        // One byte more than allowed, so that a longer file shows as a read of maxSize + 1.
        try (Memory buf = new Memory(maxSize + 1L); Memory iov = new Memory(16)) {
            long n = readNoWait(fd, iov, buf, 0, maxSize + 1L);
            if (n < 0 || n > maxSize) {
                return null;
            }
            // A short read is the end of the file or the first page not cached: one more read tells.
            if (n < maxSize + 1L && readNoWait(fd, iov, buf.share(n), n, 1) != 0) {
                return null;
            }
            return buf.getByteArray(0, (int) n);
        } finally {
            close(fd);
        }
    }

    /** preadv2 of {@code length} bytes at {@code offset} into {@code into}: the count, or -1 (not cached or failed). */
    private static long readNoWait(int fd, Memory iov, Pointer into, long offset, long length) {
        // struct iovec { void *iov_base; size_t iov_len; }
        iov.setPointer(0, into);
        iov.setLong(8, length);
        long n = preadv2(fd, iov, 1, offset, RWF_NOWAIT);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno != EAGAIN) {
                // EOPNOTSUPP / ENOSYS / EINVAL: this kernel or file system cannot do it; stop asking.
                supported = false;
                LOG.info("preadv2(RWF_NOWAIT) refused with errno {}; FETCH reads on workers from now on", errno);
            }
            return -1;
        }
        return n;
    }

    /** Whether reads may hit (for tests and the start-up log). */
    static boolean supported() {
        return supported;
    }
}
