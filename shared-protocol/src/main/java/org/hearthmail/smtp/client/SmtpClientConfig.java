package org.hearthmail.smtp.client;

import java.util.Objects;

/**
 * Settings of one SMTP client session.
 *
 * @param timeouts per-command limits
 * @param maxReplyLineLength longest accepted reply line, without CRLF
 * @param maxReplyLines most lines in one reply
 * @param chunkSize bytes read from a message body per write (and per BDAT chunk)
 * @param bdatWindow BDAT chunks sent ahead of their replies when PIPELINING is advertised (RFC 3030 §4.2)
 */
public record SmtpClientConfig(SmtpTimeouts timeouts, int maxReplyLineLength, int maxReplyLines,
                               int chunkSize, int bdatWindow) {

    public SmtpClientConfig {
        Objects.requireNonNull(timeouts, "timeouts");
        if (maxReplyLineLength < 512) {
            // RFC 5321 §4.5.3.1.5: a receiver must accept reply lines of 512 octets.
            throw new IllegalArgumentException("maxReplyLineLength must be at least 512, was " + maxReplyLineLength);
        }
        if (maxReplyLines < 1 || chunkSize < 512 || bdatWindow < 1) {
            throw new IllegalArgumentException("maxReplyLines, chunkSize (>= 512) and bdatWindow must be positive");
        }
    }

    public static SmtpClientConfig defaults() {
        return new SmtpClientConfig(SmtpTimeouts.rfc5321(), ReplyDecoder.DEFAULT_MAX_LINE_LENGTH,
                ReplyParser.DEFAULT_MAX_LINES, 64 * 1024, 4);
    }

    public SmtpClientConfig withTimeouts(SmtpTimeouts t) {
        return new SmtpClientConfig(t, maxReplyLineLength, maxReplyLines, chunkSize, bdatWindow);
    }

    public SmtpClientConfig withChunkSize(int size) {
        return new SmtpClientConfig(timeouts, maxReplyLineLength, maxReplyLines, size, bdatWindow);
    }
}
