package org.hearthmail.mailstore.store;

/** The left side of an alias: {@code local@domain}, or {@code @domain} for the domain's catch-all. */
public record AliasSource(String localPart, String domain) {
    public AliasSource {
        localPart = localPart.isEmpty() ? "" : MailAddress.normalizeLocal(localPart);
        domain = MailAddress.normalizeDomain(domain);
    }

    public static AliasSource parse(String source) {
        if (source != null && source.strip().startsWith("@")) {
            return new AliasSource("", source.strip().substring(1));
        }
        MailAddress a = MailAddress.parse(source);
        return new AliasSource(a.localPart(), a.domain());
    }

    public boolean catchAll() {
        return localPart.isEmpty();
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
