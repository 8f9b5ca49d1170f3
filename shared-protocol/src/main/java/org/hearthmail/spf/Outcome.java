package org.hearthmail.spf;

import java.util.Optional;

/** What one check_host() invocation produced (internal to the evaluator). */
record Outcome(SpfResult result, String reason, Optional<String> explanation) {
    static Outcome of(SpfResult result, String reason) {
        return new Outcome(result, reason, Optional.empty());
    }
}
