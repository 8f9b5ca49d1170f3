package org.hearthmail.dmarc;

import java.util.Objects;
import java.util.Optional;

/**
 * The DMARC outcome for one message.
 *
 * @param result       pass/fail/none/temperror/permerror
 * @param apply        the policy to apply (NONE unless the result is fail), after pct sampling
 * @param fromDomain   the RFC5322.From domain evaluated
 * @param recordDomain where the record was found (empty if none)
 * @param record       the record used
 * @param spfAligned   SPF passed for an aligned domain
 * @param dkimAligned  a DKIM signature passed for an aligned domain
 * @param sampledOut   pct= excluded the message, so {@code apply} is one step weaker than published
 * @param reason       short explanation
 */
public record DmarcVerdict(DmarcResult result, DmarcPolicy apply, String fromDomain, String recordDomain,
                           Optional<DmarcRecord> record, boolean spfAligned, boolean dkimAligned, boolean sampledOut,
                           String reason) {
    public DmarcVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(fromDomain, "fromDomain");
        Objects.requireNonNull(recordDomain, "recordDomain");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }

    static DmarcVerdict without(DmarcResult result, String fromDomain, String reason) {
        return new DmarcVerdict(result, DmarcPolicy.NONE, fromDomain, "", Optional.empty(), false, false, false, reason);
    }
}
