package org.hearthmail.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the passphrase of a relay bundle: the first line of {@code --passphrase-file}, or from the
 * console without echo (asked twice when a new bundle is sealed). Never from the command line
 * (visible in {@code ps}). The caller wipes the returned array; no message contains it.
 */
public final class PassphraseInput {
    public static final int MIN_LENGTH = 12;
    private static final int MAX_BYTES = 4096;

    private PassphraseInput() {
    }

    /**
     * @param file    {@code --passphrase-file}, or null to ask on the console
     * @param confirm ask twice (a new bundle) and refuse short passphrases
     */
    public static char[] read(Path file, Optional<Console> console, boolean confirm, String flag) {
        char[] p = file != null ? fromFile(file, flag) : fromConsole(console, confirm, flag);
        if (confirm && p.length < MIN_LENGTH) {
            Arrays.fill(p, '\0');
            throw new PassphraseException("the passphrase must be at least " + MIN_LENGTH + " characters");
        }
        if (p.length == 0) {
            throw new PassphraseException("the passphrase is empty");
        }
        return p;
    }

    private static char[] fromFile(Path file, String flag) {
        byte[] raw;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PassphraseException(flag + " " + file + " is larger than " + MAX_BYTES + " bytes; it should hold one line");
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PassphraseException(flag + " " + file + " does not exist");
        } catch (IOException e) {
            throw new PassphraseException("cannot read " + flag + " " + file + ": " + e.getMessage());
        }
        try {
            int end = 0;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            if (end > 0 && raw[end - 1] == '\r') {
                end--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw, 0, end));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new PassphraseException(flag + " " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static char[] fromConsole(Optional<Console> console, boolean confirm, String flag) {
        Console c = console.orElseThrow(() -> new PassphraseException(
                "no terminal to ask for the bundle passphrase; pass " + flag + " FILE (mode 0600, one line)"));
        char[] first = c.readPassword(confirm ? "Passphrase for the bundle (at least %d characters): "
                : "Passphrase of the bundle: ", MIN_LENGTH);
        if (first == null) {
            throw new PassphraseException("no passphrase entered (end of input)");
        }
        if (!confirm) {
            return first;
        }
        char[] again = c.readPassword("Repeat the passphrase: ");
        try {
            if (again == null || !Arrays.equals(first, again)) {
                Arrays.fill(first, '\0');
                throw new PassphraseException("the two passphrases differ; nothing was written");
            }
            return first;
        } finally {
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    /** The passphrase could not be had; the message never contains it. */
    public static final class PassphraseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PassphraseException(String message) {
            super(message);
        }
    }
}
