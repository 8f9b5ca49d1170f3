package org.hearthmail.spf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SPF record.
 *
 * @param directives the mechanisms with their qualifiers, in order
 * @param redirect   the redirect= domain spec (§6.1), if present
 * @param exp        the exp= domain spec (§6.2), if present
 */
public record SpfRecord(List<Directive> directives, Optional<String> redirect, Optional<String> exp) {

    /** One qualifier and mechanism (§4.6.1). */
    public record Directive(Qualifier qualifier, Mechanism mechanism) {
        public Directive {
            Objects.requireNonNull(qualifier, "qualifier");
            Objects.requireNonNull(mechanism, "mechanism");
        }
    }

    public SpfRecord {
        directives = List.copyOf(directives);
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(exp, "exp");
    }

    /** §6.1: redirect is ignored when the record has an "all" mechanism anywhere. */
    public Optional<String> effectiveRedirect() {
        boolean hasAll = directives.stream().anyMatch(d -> d.mechanism() instanceof Mechanism.All);
        return hasAll ? Optional.empty() : redirect;
    }
}
