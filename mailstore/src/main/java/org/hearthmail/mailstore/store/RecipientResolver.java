package org.hearthmail.mailstore.store;

import java.util.Optional;

/**
 * The address-to-user rule, shared by every store implementation so that they cannot disagree.
 * Order: exact user, exact alias, then with the plus-address tag removed (user, alias), then the
 * domain's catch-all alias. Only hosted domains resolve at all.
 */
public final class RecipientResolver {

    /** What the rule needs from a store; implementations answer from one consistent snapshot. */
    public interface Lookup {
        boolean hostsDomain(String domain);

        Optional<User> userByAddress(String localPart, String domain);

        /** Target user id of the alias {@code localPart@domain}; {@code localPart} "" is the catch-all. */
        Optional<Long> aliasTarget(String localPart, String domain);

        Optional<User> userById(long id);
    }

    private final String separator;

    /**
     * @param separator the sub-address separator ({@code +} in {@code user+tag@domain}); empty
     *                  disables plus-addressing
     */
    public RecipientResolver(String separator) {
        if (separator == null || separator.indexOf('@') >= 0 || separator.chars().anyMatch(c -> c <= 0x20)) {
            throw new IllegalArgumentException("invalid sub-address separator: " + separator);
        }
        this.separator = separator;
    }

    public static RecipientResolver plusAddressing() {
        return new RecipientResolver("+");
    }

    public String separator() {
        return separator;
    }

    public Optional<User> resolve(MailAddress address, Lookup lookup) {
        String domain = address.domain();
        if (!lookup.hostsDomain(domain)) {
            return Optional.empty();
        }
        Optional<User> found = exact(address.localPart(), domain, lookup);
        if (found.isPresent()) {
            return found;
        }
        if (!separator.isEmpty()) {
            int cut = address.localPart().indexOf(separator);
            if (cut > 0) {
                found = exact(address.localPart().substring(0, cut), domain, lookup);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return lookup.aliasTarget("", domain).flatMap(lookup::userById);
    }

    /**
     * The folder that a sub-address names ({@code tag} of {@code user+tag@domain}, lower case as
     * the address is normalized), only when the address resolves through removing the tag: not
     * when {@code user+tag} is itself a user or an alias. Empty when plus-addressing is off.
     */
    public Optional<String> folderTag(MailAddress address, Lookup lookup) {
        String local = address.localPart();
        int cut = separator.isEmpty() ? -1 : local.indexOf(separator);
        if (cut <= 0 || cut + separator.length() >= local.length()
                || exact(local, address.domain(), lookup).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(local.substring(cut + separator.length()));
    }

    private static Optional<User> exact(String local, String domain, Lookup lookup) {
        Optional<User> user = lookup.userByAddress(local, domain);
        if (user.isPresent()) {
            return user;
        }
        return lookup.aliasTarget(local, domain).flatMap(lookup::userById);
    }
}
