package org.hearthmail.mailstore.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one data directory of an installation (see package-info for the layout). Creating it makes
 * every part private to the owner (0700), because it holds mail, password hashes and keys.
 */
public record DataDirectory(Path root) {
    public static final String DATABASE = "mailstore.db";

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path database() {
        return root.resolve(DATABASE);
    }

    public Path blobs() {
        return root.resolve("blobs");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    /** Creates the directory and its parts if missing; returns this. */
    public DataDirectory create() {
        try {
            for (Path p : new Path[] {root, blobs(), tmp(), keys()}) {
                if (!Files.isDirectory(p)) {
                    Files.createDirectories(p);
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                    }
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + root + ": " + e.getMessage(), e);
        }
    }
}
