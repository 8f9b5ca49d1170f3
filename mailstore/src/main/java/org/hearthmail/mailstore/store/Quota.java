package org.hearthmail.mailstore.store;

/** Storage limit of one user and what is used. A limit of 0 means unlimited. */
public record Quota(long userId, long limitBytes, long usedBytes) {
    public Quota {
        if (limitBytes < 0 || usedBytes < 0) {
            throw new IllegalArgumentException("quota values must not be negative");
        }
    }

    public boolean unlimited() {
        return limitBytes == 0;
    }

    /** True when nothing more fits (checked at RCPT time, before the size is known). */
    public boolean exhausted() {
        return !unlimited() && usedBytes >= limitBytes;
    }

    /** True when a message of {@code size} octets would not fit. */
    public boolean wouldExceed(long size) {
        return !unlimited() && usedBytes + size > limitBytes;
    }
}
