package org.hearthmail.relay.checks;

import java.util.Objects;
import java.util.Optional;
import org.hearthmail.authres.AuthResultsBuilder;
import org.hearthmail.smtp.Reply;
import org.hearthmail.spf.SpfResult;
import org.hearthmail.spf.SpfVerdict;

/**
 * The SPF check made at MAIL time.
 *
 * @param verdict  the MAIL FROM check (for a null reverse-path, of postmaster@HELO: RFC 7208 §2.4)
 * @param mailFrom the reverse-path without brackets, empty for the null reverse-path
 */
public record SpfOutcome(SpfVerdict verdict, String mailFrom) {

    public SpfOutcome {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(mailFrom, "mailFrom");
    }

    /**
     * With policy reject, an SPF fail is refused at MAIL: RFC 7208 §8.4 lets a receiver reject,
     * RFC 7372 §3.2 names the code (5.7.23 "SPF validation failed").
     */
    public Optional<Reply> refusal(AuthPolicy policy) {
        if (policy != AuthPolicy.REJECT || verdict.result() != SpfResult.FAIL) {
            return Optional.empty();
        }
        String text = verdict.explanation().filter(SpfOutcome::printable)
                .map(e -> "SPF validation failed: " + e)
                .orElse("SPF validation failed: " + verdict.domain() + " does not permit this host to send its mail");
        return Optional.of(Reply.of(550, "5.7.23", text));
    }

    /** RFC 8601 §2.7.2: smtp.mailfrom, or smtp.helo for a null reverse-path (the identity checked). */
    void addTo(AuthResultsBuilder ar) {
        if (mailFrom.isEmpty()) {
            ar.spfHelo(verdict);
        } else {
            ar.spfMailFrom(verdict, mailFrom);
        }
    }

    /** The domain's explanation text (RFC 7208 §6.2) is sender-controlled: only short printable ASCII goes back. */
    private static boolean printable(String s) {
        return s.length() <= 200 && s.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }
}
