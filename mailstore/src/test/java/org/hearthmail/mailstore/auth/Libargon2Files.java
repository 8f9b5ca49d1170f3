package org.hearthmail.mailstore.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether Debian's libargon2-1 is installed: a libargon2.so.1 file in a library directory. */
final class Libargon2Files {
    private Libargon2Files() {
    }

    /** True if any library directory (multiarch ones included) holds the file, loadable or not. */
    static boolean installed() {
        for (String root : new String[] {"/usr/lib", "/lib", "/usr/lib64"}) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            if (Files.exists(dir.resolve(LibArgon2.SONAME))) {
                return true;
            }
            try (DirectoryStream<Path> multiarch = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path d : multiarch) {
                    if (Files.exists(d.resolve(LibArgon2.SONAME))) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return false;
    }
}
