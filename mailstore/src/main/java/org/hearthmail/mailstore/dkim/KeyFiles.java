package org.hearthmail.mailstore.dkim;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.hearthmail.dkim.DkimKeyException;
import org.hearthmail.dkim.DkimKeys;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Owner-only files: PKCS#8 PEM private keys and the state file. */
final class KeyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private KeyFiles() {
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Creates {@code file} 0600 from the start (never readable by others, even for a moment) and fsyncs it. */
    static void writePrivate(Path file, byte[] content) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
    }

    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        writePrivate(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static PrivateKey readPrivateKey(Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            Object o = parser.readObject();
            if (!(o instanceof PrivateKeyInfo info)) {
                throw new DkimStoreException(file + ": not a PKCS#8 private key (PEM \"PRIVATE KEY\")");
            }
            // The JDK's own key factories, so that signing uses the JDK providers like key generation does.
            String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
            String algorithm = switch (oid) {
                case "1.3.101.112" -> "Ed25519";                 // RFC 8410 §3: id-Ed25519
                case "1.2.840.113549.1.1.1" -> "RSA";            // RFC 8017 A.1: rsaEncryption
                default -> throw new DkimStoreException(file + ": unsupported key algorithm " + oid);
            };
            return DkimKeys.privateKeyFromPkcs8(info.getEncoded(), algorithm);
        } catch (DkimKeyException e) {
            throw new DkimStoreException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new DkimStoreException("cannot read DKIM key " + file + ": " + e.getMessage(), e);
        }
    }

    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the rename itself has happened.
            org.slf4j.LoggerFactory.getLogger(KeyFiles.class).debug("directory fsync of {} failed: {}", dir, e.toString());
        }
    }
}
