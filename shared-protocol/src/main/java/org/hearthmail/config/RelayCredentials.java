package org.hearthmail.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The relay's name and the per-relay secret from the provisioning bundle: the AUTH PLAIN user name
 * and password of the hand-off. File format ({@code keys/relay-credentials}, 0600):
 * <pre>
 * # comment
 * name = relay1
 * secret = base64-or-any-printable-text
 * </pre>
 * {@link #toString()} never shows the secret.
 */
public record RelayCredentials(String name, String secret) {

    public RelayCredentials {
        if (name == null || name.isBlank() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("relay name and secret must not be empty");
        }
    }

    /** @throws InvalidConfigException if the file is missing, readable by others, or malformed */
    public static RelayCredentials read(Path file) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
                if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new InvalidConfigException(file + " is readable by group or others; chmod 600 it");
                }
            }
            String name = null;
            String secret = null;
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                String key = eq < 0 ? "" : l.substring(0, eq).strip();
                String value = eq < 0 ? "" : l.substring(eq + 1).strip();
                switch (key) {
                    case "name" -> name = value;
                    case "secret" -> secret = value;
                    // Never echo the line: it may hold the secret.
                    default -> throw new InvalidConfigException(file + " line " + n + ": expected name = ... or secret = ...");
                }
            }
            if (name == null || name.isEmpty() || secret == null || secret.isEmpty()) {
                throw new InvalidConfigException(file + ": needs both name = ... and secret = ...");
            }
            return new RelayCredentials(name, secret);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException("relay credentials " + file + " not found (written by relay provisioning)");
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read relay credentials " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "RelayCredentials[name=" + name + ", secret=<redacted>]";
    }
}
