package org.hearthmail.mailstore.auth;

import java.net.InetAddress;
import java.util.Optional;
import org.hearthmail.mailstore.store.AccountStore;
import org.hearthmail.mailstore.store.AppPassword;
import org.hearthmail.mailstore.store.InvalidAddressException;
import org.hearthmail.mailstore.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password for any protocol (IMAP LOGIN/AUTHENTICATE, submission AUTH).
 * Order: throttle, then account password (Argon2id), then app passwords. A hash made with old
 * parameters is replaced after a successful login. Blocking and CPU-heavy: run on a worker.
 * Never logs passwords; logs user names only on success or ban.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    public Authenticator(AccountStore store, PasswordHasher hasher, LoginThrottle throttle) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        hasher.announceImplementation();
    }

    public AuthResult authenticate(String username, char[] password, InetAddress source) {
        Optional<Block> block = throttle.check(username, source);
        if (block.isPresent()) {
            return new AuthResult.Throttled(block.get());
        }
        Optional<User> user = findUser(username);
        if (user.isEmpty()) {
            hasher.burn(password);
            return fail(username, source);
        }
        User u = user.get();
        Optional<String> stored = store.passwordHash(u.id());
        if (stored.isPresent() && hasher.verify(password, stored.get())) {
            if (hasher.needsRehash(stored.get())) {
                store.setPasswordHash(u.id(), hasher.hash(password));
                LOG.info("password hash of {} upgraded to {}", org.hearthmail.log.LogPrivacy.current().address(u.address()), hasher.params());
            }
            throttle.recordSuccess(username, source);
            return new AuthResult.Success(u, 0);
        }
        if (stored.isEmpty()) {
            hasher.burn(password);
        }
        for (AppPassword app : store.appPasswords(u.id())) {
            if (AppPasswordSecrets.matches(password, app.hash())) {
                throttle.recordSuccess(username, source);
                return new AuthResult.Success(u, app.id());
            }
        }
        return fail(username, source);
    }

    private AuthResult fail(String username, InetAddress source) {
        throttle.recordFailure(username, source);
        throttle.check(username, source).filter(Block::banned).ifPresent(b ->
                LOG.warn("login banned until {} ({}: {})", b.until(), b.scope(), b.scope() == Block.Scope.ACCOUNT
                        ? username : source.getHostAddress()));
        return new AuthResult.Failure();
    }

    private Optional<User> findUser(String username) {
        try {
            return store.user(username);
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }
}
