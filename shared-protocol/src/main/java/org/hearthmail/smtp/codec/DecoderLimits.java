package org.hearthmail.smtp.codec;

/**
 * Size limits the decoder enforces while framing.
 *
 * @param commandLine      octets in a command line including CRLF; RFC 5321 §4.5.3.1.4: 512
 * @param mailRcptLine     the same for MAIL and RCPT, which extensions lengthen (RFC 1870 §3 +26 for
 *                         SIZE, RFC 3461 §4 +100 MAIL / +500 RCPT for DSN, RFC 4954 §5 +500 for AUTH=)
 * @param authLine         an AUTH continuation line; RFC 4954 §4: at least 12288 octets
 * @param dataLine         a text line of message content including CRLF; RFC 5321 §4.5.3.1.6: 1000;
 *                         0 for no limit
 * @param maxMessageSize   content octets; RFC 1870 SIZE
 */
public record DecoderLimits(int commandLine, int mailRcptLine, int authLine, int dataLine, long maxMessageSize) {

    public static final DecoderLimits RFC_DEFAULTS = new DecoderLimits(512, 512 + 1024, 12288, 1000, 25L * 1024 * 1024);

    public DecoderLimits {
        if (commandLine < 512 || mailRcptLine < commandLine || authLine < 512 || dataLine < 0 || maxMessageSize < 1) {
            throw new IllegalArgumentException("limits below the RFC 5321 §4.5.3.1 minimums");
        }
    }
}
