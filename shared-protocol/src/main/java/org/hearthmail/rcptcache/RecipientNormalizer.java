package org.hearthmail.rcptcache;

import java.util.Locale;
import org.hearthmail.smtp.Mailbox;

/**
 * The one spelling of an address that both ends hash: lower case, sub-address tag removed.
 * <ul>
 *   <li>Lower case, local part included. RFC 5321 §2.4 lets a server treat local parts as
 *       case-sensitive, but the mailstore does not, so neither does the cache.</li>
 *   <li>Sub-addressing (RFC 5233 §1): {@code user+tag@domain} is {@code user@domain}; the local
 *       part is cut at the first of the configured separator characters, unless that is its
 *       first character (as Postfix's recipient_delimiter does). No separators: nothing cut.</li>
 *   <li>A catch-all domain is written {@code @domain}.</li>
 * </ul>
 * Quoted local parts are kept as sent, quotes included (lower-cased); they are rare enough to
 * fall back to "not in cache".
 */
public record RecipientNormalizer(String separators) {

    public RecipientNormalizer {
        if (separators == null || separators.contains("@") || separators.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("sub-address separators must be non-null, without '@' or spaces");
        }
    }

    public String address(Mailbox mailbox) {
        String local = mailbox.localPart();
        int cut = -1;
        for (int i = 1; i < local.length() && cut < 0; i++) {
            if (separators.indexOf(local.charAt(i)) >= 0) {
                cut = i;
            }
        }
        if (cut > 0) {
            local = local.substring(0, cut);
        }
        return local.toLowerCase(Locale.ROOT) + "@" + mailbox.domain().toLowerCase(Locale.ROOT);
    }

    public String catchAll(String domain) {
        if (domain.isEmpty() || domain.contains("@")) {
            throw new IllegalArgumentException("catch-all domain must be a bare domain");
        }
        return "@" + domain.toLowerCase(Locale.ROOT);
    }
}
