package org.hearthmail.mailstore.store;

/** An append would take the user past their storage limit. */
public class OverQuotaException extends StoreException {
    private final transient Quota quota;

    public OverQuotaException(Quota quota, long size) {
        super("storage quota exceeded: " + quota.usedBytes() + " of " + quota.limitBytes()
                + " bytes used, message has " + size);
        this.quota = quota;
    }

    public Quota quota() {
        return quota;
    }
}
