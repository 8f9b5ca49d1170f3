package org.hearthmail.mailstore.store.blob;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Drops a file's pages from the page cache (fsync, then posix_fadvise(2) POSIX_FADV_DONTNEED), for tests. */
public final class PageCacheEviction {
    private static final int POSIX_FADV_DONTNEED = 4;

    static {
        Native.register(PageCacheEviction.class, Platform.C_LIBRARY_NAME);
    }

    private PageCacheEviction() {
    }

    private static native int open(String path, int flags);

    private static native int posix_fadvise(int fd, long offset, long len, int advice);

    private static native int close(int fd);

    public static void evict(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true); // dirty pages are not dropped
        }
        int fd = open(file.toString(), 0);
        if (fd < 0) {
            throw new IOException("cannot open " + file);
        }
        try {
            if (posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0) {
                throw new IOException("posix_fadvise refused for " + file);
            }
        } finally {
            close(fd);
        }
    }
}
