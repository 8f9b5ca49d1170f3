package org.hearthmail.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logback converter that masks credentials before a log line is written: a last line of defence,
 * so that a secret which reaches a log call by mistake (an SMTP transcript, an exception message,
 * a configuration dump) never reaches the disk. Code must still not log secrets on purpose.
 *
 * <p>Use it in {@code logback.xml} in place of {@code %msg} and {@code %ex}:
 * <pre>{@code
 * <conversionRule conversionWord="redactedMsg" class="org.hearthmail.log.RedactingConverter"/>
 * <conversionRule conversionWord="redactedEx" class="org.hearthmail.log.RedactingConverter$ThrowableConverter"/>
 * <pattern>%d %-5level %logger{20} - %redactedMsg%n%redactedEx</pattern>
 * }</pre>
 *
 * <p>What is masked (each replaced by {@value #MASK}, keeping the keyword so the line still reads):
 * <ul>
 *   <li>SMTP {@code AUTH <mechanism> <initial-response>} (RFC 4954 §4) and IMAP
 *       {@code AUTHENTICATE <mechanism> <initial-response>} (RFC 9051 §6.2.2): the response.</li>
 *   <li>IMAP {@code LOGIN userid password} (RFC 9051 §6.2.3): the password.</li>
 *   <li>{@code password=…}, {@code secret: …}, {@code PrivateKey = …} and similar key/value text,
 *       including JSON-style {@code "password":"…"}: the value.</li>
 *   <li>HTTP {@code Authorization: <scheme> <credentials>}: the credentials.</li>
 * </ul>
 * Limitation: the bare base64 lines a client sends after {@code AUTH LOGIN} (RFC 4954 §4 continuation)
 * carry no keyword and cannot be recognised in isolation; the SMTP session must not log them.
 */
public final class RedactingConverter extends MessageConverter {

    /** The text that replaces a secret. */
    public static final String MASK = "***";

    // RFC 4954 §4: "AUTH" SP sasl-mech [SP initial-response]; RFC 9051 §6.2.2 AUTHENTICATE likewise.
    // Mechanisms are listed (not any word) so that prose such as "auth failed for bob" stays intact.
    private static final Pattern SASL_INITIAL_RESPONSE = Pattern.compile(
            "(?i)\\b(AUTH(?:ENTICATE)?\\s+(?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER|CRAM-MD5|DIGEST-MD5|NTLM|GSSAPI"
                    + "|EXTERNAL|ANONYMOUS|SCRAM-SHA-\\d+(?:-PLUS)?)\\s+)(\\S+)");

    // RFC 9051 §6.2.3: tag SP "LOGIN" SP userid SP password (atom or quoted string). Only an
    // upper-case LOGIN after a tag at the start of a line, so prose ("login failed for bob") stays.
    private static final String ASTRING = "(?:\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)";
    private static final Pattern IMAP_LOGIN = Pattern.compile(
            "(?m)^((?:[CS]:\\s*|[<>]+\\s*)?[A-Za-z0-9.]+\\s+LOGIN\\s+" + ASTRING + "\\s+)(" + ASTRING + ")");

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)([\"']?\\b(?:password|passwd|passphrase|pwd|pass|secret|token|api[_-]?key"
                    + "|private[_-]?key|preshared[_-]?key|app[_-]?password)[\"']?\\s*[=:]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^\\s,;&\"']+)");

    private static final Pattern HTTP_AUTHORIZATION =
            Pattern.compile("(?i)\\b((?:Proxy-)?Authorization:\\s*[A-Za-z0-9_-]+\\s+)(\\S+)");

    private static final List<Pattern> RULES =
            List.of(SASL_INITIAL_RESPONSE, IMAP_LOGIN, KEY_VALUE, HTTP_AUTHORIZATION);

    /**
     * Returns {@code text} with every recognised credential replaced by {@value #MASK}; returns the
     * same string when nothing matched, and {@code null} for {@code null}.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern rule : RULES) {
            Matcher m = rule.matcher(out);
            if (m.find()) {
                out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + maskKeepingQuotes(r.group(2))));
            }
        }
        return out;
    }

    private static String maskKeepingQuotes(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.charAt(0) + MASK + value.charAt(0);
        }
        return MASK;
    }

    @Override
    public String convert(ILoggingEvent event) {
        return redact(super.convert(event));
    }

    /** Like {@code %ex}, with exception messages (and causes') redacted. */
    public static final class ThrowableConverter extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy proxy) {
            return redact(super.throwableProxyToString(proxy));
        }
    }
}
