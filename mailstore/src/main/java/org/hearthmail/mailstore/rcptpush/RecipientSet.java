package org.hearthmail.mailstore.rcptpush;

import java.util.List;
import java.util.TreeSet;
import org.hearthmail.mailstore.store.AccountStore;
import org.hearthmail.mailstore.store.Alias;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.smtp.Mailbox;

/**
 * Every deliverable address of the installation at one moment, in the spelling the store keeps
 * (lower case): users, aliases, and the domains with a catch-all alias. Sorted, so two snapshots
 * are equal exactly when nothing deliverable changed.
 *
 * @param addresses       {@code local@domain} of every user and non-catch-all alias
 * @param catchAllDomains domains whose catch-all alias takes any local part
 */
public record RecipientSet(List<String> addresses, List<String> catchAllDomains) {

    public RecipientSet {
        addresses = List.copyOf(new TreeSet<>(addresses));
        catchAllDomains = List.copyOf(new TreeSet<>(catchAllDomains));
    }

    /** Reads the store (blocks on the database: call from a worker thread). */
    public static RecipientSet of(AccountStore store) {
        TreeSet<String> addresses = new TreeSet<>();
        TreeSet<String> catchAll = new TreeSet<>();
        for (User u : store.users()) {
            addresses.add(u.address());
        }
        for (Alias a : store.aliases()) {
            if (a.isCatchAll()) {
                catchAll.add(a.domain());
            } else {
                addresses.add(a.source());
            }
        }
        return new RecipientSet(List.copyOf(addresses), List.copyOf(catchAll));
    }

    public int size() {
        return addresses.size() + catchAllDomains.size();
    }

    /**
     * The cache the relay consults. The sub-address rule goes with it: the relay cuts
     * {@code user+tag} at {@code separator} as the store's RecipientResolver does (RFC 5233 §1).
     */
    public RecipientCache toCache(byte[] salt, long generation, String separator) {
        List<Mailbox> boxes = addresses.stream().map(a -> {
            int at = a.lastIndexOf('@');
            return new Mailbox(a.substring(0, at), a.substring(at + 1));
        }).toList();
        return RecipientCache.build(salt, generation, separator, boxes, catchAllDomains);
    }
}
