package org.hearthmail.mailstore.dnscheck;

import java.util.Objects;

/**
 * One line of the report.
 *
 * @param status   the verdict
 * @param what     what was checked, e.g. {@code SPF example.org} or {@code PTR 203.0.113.10}
 * @param expected what should be there (empty when not applicable)
 * @param found    what DNS answered (empty when nothing)
 */
public record CheckItem(CheckStatus status, String what, String expected, String found) {
    public CheckItem {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
    }

    static CheckItem ok(String what, String found) {
        return new CheckItem(CheckStatus.OK, what, "", found);
    }

    /** One line: status, subject, then expected/found where they say something. */
    public String line() {
        StringBuilder b = new StringBuilder(String.format("%-8s%s", status.label(), what));
        if (status == CheckStatus.OK) {
            return found.isEmpty() ? b.toString() : b.append(": ").append(found).toString();
        }
        if (!expected.isEmpty()) {
            b.append("\n          expected: ").append(expected);
        }
        b.append("\n          found:    ").append(found.isEmpty() ? "nothing" : found);
        return b.toString();
    }
}
