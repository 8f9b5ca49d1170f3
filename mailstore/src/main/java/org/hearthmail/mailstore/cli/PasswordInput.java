package org.hearthmail.mailstore.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new password without it ever being a command-line argument (visible in {@code ps} and
 * shell history): from the console without echo, asked twice, or the first line of stdin with
 * {@code --password-stdin}. The caller wipes the returned array.
 */
final class PasswordInput {
    /** Longer input is refused rather than silently cut. */
    private static final int MAX_BYTES = 4096;

    private PasswordInput() {
    }

    static char[] read(Terminal terminal, boolean fromStdin, String forWhom) {
        return fromStdin ? fromStdin(terminal.stdin()) : fromConsole(terminal, forWhom);
    }

    private static char[] fromConsole(Terminal terminal, String forWhom) {
        Console console = terminal.console().orElseThrow(() -> new PasswordInputException(
                "no terminal to ask for the password; pipe it in with --password-stdin"));
        char[] first = console.readPassword("New password for %s: ", forWhom);
        if (first == null) {
            throw new PasswordInputException("no password entered (end of input)");
        }
        char[] again = console.readPassword("Repeat the password: ");
        try {
            if (again == null || !Arrays.equals(first, again)) {
                Arrays.fill(first, '\0');
                throw new PasswordInputException("the two passwords differ; nothing changed");
            }
            return first;
        } finally {
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    private static char[] fromStdin(InputStream in) {
        byte[] buf = new byte[MAX_BYTES + 1];
        int n = 0;
        try {
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
                if (indexOfNewline(buf, n) >= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new PasswordInputException("cannot read the password from stdin: " + e.getMessage());
        }
        try {
            int end = indexOfNewline(buf, n);
            if (end < 0) {
                if (n > MAX_BYTES) {
                    throw new PasswordInputException("password on stdin is longer than " + MAX_BYTES + " bytes");
                }
                end = n;
            }
            if (end > 0 && buf[end - 1] == '\r') {
                end--;
            }
            if (end == 0) {
                throw new PasswordInputException("no password on stdin (--password-stdin reads the first line)");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, 0, end));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new PasswordInputException("the password on stdin is not UTF-8");
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    private static int indexOfNewline(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The password could not be read; the message never contains it. */
    static final class PasswordInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PasswordInputException(String message) {
            super(message);
        }
    }
}
