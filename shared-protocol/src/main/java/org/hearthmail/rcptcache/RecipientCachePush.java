package org.hearthmail.rcptcache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.smtp.Reply;

/**
 * How the mailstore pushes a recipient cache to the relay: one message, on the relay's
 * authenticated outbound listener, to the control address {@value #CONTROL_ADDRESS} as its only
 * recipient (docs/adr/0007-recipient-cache-push.md). The message is
 * <pre>
 *   Hearthmail-Control: recipient-cache; version=1 CRLF
 *   Content-Type: application/x-hearthmail-rcptcache CRLF
 *   Content-Transfer-Encoding: base64 CRLF
 *   CRLF
 *   base64 of the cache file ({@link RecipientCacheCodec}), 76 characters a line
 * </pre>
 * and the relay's reply to DATA says what became of it; {@link #installedGeneration} reads the
 * generation the relay holds out of any of its replies.
 */
public final class RecipientCachePush {

    /** RFC 6761 §6.4: ".invalid" never resolves, so this can never be a real destination. */
    public static final String CONTROL_ADDRESS = "recipient-cache@hearthmail.invalid";
    public static final int VERSION = 1;
    /** The largest push a relay takes, on the wire: about 370 000 addresses. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final String HEADER = "Hearthmail-Control: recipient-cache; version=" + VERSION + "\r\n"
            + "Content-Type: application/x-hearthmail-rcptcache\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n";
    private static final Pattern CONTROL = Pattern.compile("(?i)^Hearthmail-Control:\\s*recipient-cache;\\s*version=(\\d+)\\s*$");
    private static final String CONFIRMED = "Recipient cache already at installed=";
    private static final Pattern INSTALLED = Pattern.compile("\\binstalled=(\\d+)\\b");

    private RecipientCachePush() {
    }

    public static boolean isControlAddress(String address) {
        return CONTROL_ADDRESS.equals(address.toLowerCase(Locale.ROOT));
    }

    /** The message that carries {@code cacheFile}: CRLF lines, none longer than 78 octets (RFC 5322 §2.1.1). */
    public static byte[] message(byte[] cacheFile) {
        // RFC 2045 §6.8: base64 lines of at most 76 characters.
        String body = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cacheFile);
        return (HEADER + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The cache file inside a pushed message; checks the control header and its version, not the
     * file itself (that is {@link RecipientCacheCodec#decode}'s job).
     *
     * @throws RecipientCacheFormatException when the message is not a push this build understands
     */
    public static byte[] cacheFile(byte[] message) throws RecipientCacheFormatException {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new RecipientCacheFormatException("push has no header section");
        }
        Integer version = null;
        for (String line : text.substring(0, end).split("\r\n")) {
            Matcher m = CONTROL.matcher(line);
            if (m.matches()) {
                version = Integer.valueOf(m.group(1).length() > 6 ? "999999" : m.group(1));
            }
        }
        if (version == null) {
            throw new RecipientCacheFormatException("not a recipient cache push (no Hearthmail-Control header)");
        }
        if (version != VERSION) {
            throw new RecipientCacheFormatException("recipient cache push version " + version + " (this build reads "
                    + VERSION + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new RecipientCacheFormatException("recipient cache push is not valid base64");
        }
    }

    /** RFC 3463 §3.1 X.0.0 success: the pushed generation is now in force. */
    public static Reply installed(long generation, int entries) {
        return Reply.of(250, "2.0.0", "Recipient cache installed=" + generation + " (" + entries + " entries)");
    }

    /** The same generation again (a retry whose first reply was lost): in force, confirmed now. */
    public static Reply current(long generation) {
        return Reply.of(250, "2.0.0", CONFIRMED + generation);
    }

    /** Whether {@code reply} is {@link #current}'s rather than {@link #installed}'s. */
    public static boolean confirms(Reply reply) {
        return reply.code() == 250 && reply.text().startsWith(CONFIRMED);
    }

    /** RFC 3463 §3.7 X.6.0: an older generation than the one in force; the pusher must go past it. */
    public static Reply outdated(long installed) {
        return Reply.of(554, "5.6.0", "Recipient cache generation is older than installed=" + installed);
    }

    /** RFC 3463 §3.8 X.7.7 message integrity failure: damaged, another version, or another salt. */
    public static Reply rejected(String reason) {
        return Reply.of(554, "5.7.7", "Recipient cache refused: " + reason);
    }

    /** The generation the relay said it holds, if the reply names one. */
    public static OptionalLong installedGeneration(Reply reply) {
        Matcher m = INSTALLED.matcher(reply.text());
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
