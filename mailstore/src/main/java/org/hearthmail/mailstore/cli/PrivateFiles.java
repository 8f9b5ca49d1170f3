package org.hearthmail.mailstore.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Files that init writes into the data directory: created owner-only (0600, directories 0700)
 * from the start, so a key is never readable by others even for a moment, and fsynced.
 */
final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    static void restrictDirectory(Path dir) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** PEM of a key or certificate (BouncyCastle's JcaPEMWriter: PKCS#8 "PRIVATE KEY", "CERTIFICATE"). */
    static void writePem(Path file, Object keyOrCertificate) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(create(file), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
             JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(keyOrCertificate instanceof java.security.PrivateKey k
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : keyOrCertificate);
        }
        fsync(file);
    }

    static void writeText(Path file, String text) throws IOException {
        Files.writeString(create(file), text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        fsync(file);
    }

    private static Path create(Path file) throws IOException {
        if (POSIX) {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createFile(file);
    }

    private static void fsync(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Deletes everything under {@code root}, and {@code root} itself unless {@code keepRoot}. */
    static void deleteTree(Path root, boolean keepRoot) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                if (!(keepRoot && dir.equals(root))) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
