package org.hearthmail.mailstore.relays;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.config.PrivateFile;
import org.hearthmail.config.RelayCredentials;

/**
 * The secrets the mailstore shares with its relays, under {@code keys/} (files 0600):
 * {@code keys/relays/NAME.psk} (WireGuard preshared key), {@code keys/relays/NAME.credentials}
 * (the outbound hand-off's name and secret, {@link RelayCredentials} format) and
 * {@code keys/recipient-cache.salt} (one per installation, for the recipient cache).
 */
public final class RelaySecrets {
    public static final String SALT_FILE = "recipient-cache.salt";

    private final Path keys;

    public RelaySecrets(Path keysDir) {
        this.keys = keysDir;
    }

    public Path presharedKeyFile(String relay) {
        return keys.resolve(RelayRegistry.DIRECTORY).resolve(relay + ".psk");
    }

    public Path credentialsFile(String relay) {
        return keys.resolve(RelayRegistry.DIRECTORY).resolve(relay + ".credentials");
    }

    /** The preshared key of {@code relay}, base64; empty when none was stored. */
    public Optional<String> presharedKey(String relay) {
        Path f = presharedKeyFile(relay);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(f, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    public void savePresharedKey(String relay, String base64) {
        PrivateFile.write(presharedKeyFile(relay), base64 + "\n");
    }

    public void saveCredentials(RelayCredentials c) {
        PrivateFile.write(credentialsFile(c.name()), "# The outbound hand-off to relay " + c.name() + " (from 'mailstore relay bundle').\n"
                + "name = " + c.name() + "\nsecret = " + c.secret() + "\n");
    }

    /** The installation's recipient-cache salt (base64, 32 bytes), created on first use. */
    public String recipientCacheSalt(SecureRandom random) {
        Path f = keys.resolve(SALT_FILE);
        try {
            if (Files.isRegularFile(f)) {
                String s = Files.readString(f, StandardCharsets.US_ASCII).strip();
                if (Base64.getDecoder().decode(s).length < 16) {
                    throw new InvalidConfigException(f + " holds fewer than 16 bytes; delete it to make a new salt "
                            + "(every relay then needs a new bundle)");
                }
                return s;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException("cannot read " + f + ": " + e.getMessage(), e);
        }
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        String s = Base64.getEncoder().encodeToString(salt);
        PrivateFile.write(f, s + "\n");
        return s;
    }
}
