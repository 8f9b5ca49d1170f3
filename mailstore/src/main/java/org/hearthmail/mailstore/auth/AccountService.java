package org.hearthmail.mailstore.auth;

import java.util.List;
import org.hearthmail.mailstore.store.AccountStore;
import org.hearthmail.mailstore.store.Alias;
import org.hearthmail.mailstore.store.AppPassword;
import org.hearthmail.mailstore.store.Domain;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.User;

/**
 * Account administration as the {@code mailstore} CLI offers it: domains, users, passwords,
 * aliases, app passwords. Hashes passwords before they reach the store. Blocking.
 */
public final class AccountService {
    /** NIST SP 800-63B §5.1.1.1: memorized secrets at least 8 characters; we ask 10. */
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final int MAX_PASSWORD_LENGTH = 1024;

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final AppPasswordSecrets appSecrets;

    public AccountService(AccountStore store, PasswordHasher hasher, AppPasswordSecrets appSecrets) {
        this.store = store;
        this.hasher = hasher;
        this.appSecrets = appSecrets;
    }

    public Domain addDomain(String name) {
        return store.addDomain(name);
    }

    /** @param quotaBytes 0 for unlimited */
    public User addUser(String address, char[] password, long quotaBytes) {
        checkStrength(password);
        return store.addUser(address, hasher.hash(password), quotaBytes);
    }

    public void setPassword(String address, char[] password) {
        checkStrength(password);
        store.setPasswordHash(require(address).id(), hasher.hash(password));
    }

    /** @param source {@code local@domain}, or {@code @domain} for a catch-all */
    public Alias addAlias(String source, String targetAddress) {
        return store.addAlias(source, require(targetAddress).id());
    }

    public NewAppPassword addAppPassword(String address, String label) {
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new IllegalArgumentException("app password label must be 1..100 characters");
        }
        char[] secret = appSecrets.generate();
        AppPassword rec = store.addAppPassword(require(address).id(), label.strip(), AppPasswordSecrets.verifier(secret));
        return new NewAppPassword(rec, secret);
    }

    public List<AppPassword> appPasswords(String address) {
        return store.appPasswords(require(address).id());
    }

    /** @throws NotFoundException if the user has no such active app password */
    public void revokeAppPassword(String address, long appPasswordId) {
        if (!store.revokeAppPassword(require(address).id(), appPasswordId)) {
            throw new NotFoundException("no active app password " + appPasswordId + " for " + address);
        }
    }

    private User require(String address) {
        return store.user(address).orElseThrow(() -> new NotFoundException("no user " + address));
    }

    private static void checkStrength(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new WeakPasswordException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new WeakPasswordException("password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
