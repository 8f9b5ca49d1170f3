package org.hearthmail.relay.checks;

import org.hearthmail.dmarc.DmarcPolicy;
import org.hearthmail.dmarc.DmarcResult;
import org.hearthmail.dmarc.DmarcVerdict;
import org.hearthmail.smtp.Reply;

/** The relay's policy: from the DMARC outcome (or a From field DMARC cannot use) to an action. */
final class VerdictPolicy {

    /** Outcome of the decision before the header text is attached. */
    sealed interface Action {
        record Deliver(boolean junk) implements Action {
        }

        record Refuse(Reply reply) implements Action {
        }
    }

    private VerdictPolicy() {
    }

    /** @param dmarc the verdict; null when {@code author} is not {@link AuthorDomain.Single} */
    static Action decide(AuthPolicy policy, AuthorDomain author, DmarcVerdict dmarc) {
        if (!(author instanceof AuthorDomain.Single)) {
            // RFC 5322 §3.6 requires exactly one From field; RFC 7489 §6.6.1 leaves messages without a
            // single author domain to local policy and notes they are "typically rejected". We follow
            // that under "reject" (such mail cannot be authenticated, so a forger would use it).
            return switch (policy) {
                case REJECT -> new Action.Refuse(Reply.of(550, "5.7.1", author instanceof AuthorDomain.Several
                        ? "Message has From addresses in several domains; DMARC cannot authenticate it (RFC 7489 section 6.6.1)"
                        : "Message needs exactly one From address (RFC 5322 section 3.6); DMARC cannot authenticate it"));
                case QUARANTINE -> new Action.Deliver(true);
                case TAG -> new Action.Deliver(false);
            };
        }
        if (dmarc.result() != DmarcResult.FAIL) {
            return new Action.Deliver(false);
        }
        // RFC 7489 §6.6.4 / §6.7: the policy to apply (after pct= sampling), then our local policy.
        DmarcPolicy apply = dmarc.apply();
        if (apply == DmarcPolicy.REJECT && policy == AuthPolicy.REJECT) {
            return new Action.Refuse(Reply.of(550, "5.7.1", "Message rejected: DMARC policy of "
                    + dmarc.recordDomain() + " (no aligned SPF or DKIM pass for " + dmarc.fromDomain() + ")"));
        }
        if ((apply == DmarcPolicy.REJECT || apply == DmarcPolicy.QUARANTINE) && policy != AuthPolicy.TAG) {
            return new Action.Deliver(true);
        }
        return new Action.Deliver(false);
    }
}
