package org.hearthmail.mailstore.store;

import java.util.List;
import java.util.Optional;

/**
 * Domains, users, aliases, credentials and quotas. <b>Every method blocks</b> on disk I/O: never
 * call from a Netty event loop (use {@link AsyncStore} or your own executor).
 */
public interface AccountStore {

    /** @throws ConflictException if the domain exists */
    Domain addDomain(String name);

    List<Domain> domains();

    Optional<Domain> domain(String name);

    /**
     * Removes a domain that has no users and no aliases left.
     *
     * @throws NotFoundException if the domain is not hosted
     * @throws ConflictException if users or aliases of the domain remain (the message says how many)
     */
    void removeDomain(String name);

    /**
     * Creates a user of a hosted domain with the default mailboxes ({@link MailboxRole#DEFAULTS})
     * and a quota, in one transaction.
     *
     * @param passwordHash encoded verifier (PHC string), or null for no password login
     * @param quotaBytes   storage limit; 0 for unlimited
     * @throws NotFoundException if the domain is not hosted
     * @throws ConflictException if the address is taken by a user or an alias
     */
    User addUser(String address, String passwordHash, long quotaBytes);

    Optional<User> user(String address);

    Optional<User> user(long id);

    List<User> users();

    /**
     * Removes a user and everything that belongs to it, in one transaction: mailboxes, messages,
     * aliases delivering to it, app passwords and quota. Message files no other user references
     * are deleted after the commit.
     *
     * @throws NotFoundException if there is no such user
     */
    void removeUser(long userId);

    /**
     * Adds {@code source} ({@code local@domain}, or {@code @domain} for the catch-all) delivering to {@code userId}.
     *
     * @throws ConflictException if the source is taken by a user or an alias
     */
    Alias addAlias(String source, long userId);

    List<Alias> aliases();

    /**
     * Removes the alias {@code source} ({@code local@domain}, or {@code @domain} for the catch-all).
     *
     * @return false if there is no such alias
     */
    boolean removeAlias(String source);

    Optional<String> passwordHash(long userId);

    void setPasswordHash(long userId, String passwordHash);

    AppPassword addAppPassword(long userId, String label, String hash);

    /** Active (not revoked) app passwords. */
    List<AppPassword> appPasswords(long userId);

    /** @return false if no such active app password of this user */
    boolean revokeAppPassword(long userId, long appPasswordId);

    Quota quota(long userId);

    void setQuotaLimit(long userId, long limitBytes);
}
