package org.hearthmail.mailstore.dnsrecords;

import java.util.Objects;

/**
 * One record to publish.
 *
 * @param owner   owner name, lower case, no trailing dot
 * @param data    type and RDATA
 * @param purpose what it is for
 * @param comment a line for the operator printed above it, or empty
 */
public record ExpectedRecord(String owner, RecordData data, Purpose purpose, String comment) {
    public ExpectedRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(comment, "comment");
    }

    ExpectedRecord(String owner, RecordData data, Purpose purpose) {
        this(owner, data, purpose, "");
    }

    /** Zone-file line: {@code owner.<TAB>IN<TAB>TYPE<TAB>rdata}. */
    public String zoneLine() {
        return owner + ".\tIN\t" + data.type() + "\t" + data.zoneText();
    }
}
