package org.hearthmail.mailstore.auth;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final MemoryMailStore store = new MemoryMailStore(StoreOptions.defaults().withClock(clock));
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasherTest.FAST);
    private final AccountService accounts = new AccountService(store, hasher, new AppPasswordSecrets(new SecureRandom()));
    private final LoginThrottle throttle = LoginThrottle.withDefaults(clock);
    private final Authenticator auth = new Authenticator(store, hasher, throttle);
    private final InetAddress from = InetAddress.getLoopbackAddress();
    private User alice;

    @BeforeEach
    void setUp() {
        accounts.addDomain("example.test");
        alice = accounts.addUser("alice@example.test", "a long passphrase".toCharArray(), 0);
    }

    @Test
    void rightPasswordLogsInWrongOneFails() {
        assertThat(auth.authenticate("Alice@example.test", "a long passphrase".toCharArray(), from))
                .isInstanceOfSatisfying(AuthResult.Success.class, s -> {
                    assertThat(s.user()).isEqualTo(alice);
                    assertThat(s.viaAppPassword()).isFalse();
                });
        assertThat(auth.authenticate("alice@example.test", "a long passphrasE".toCharArray(), from))
                .isInstanceOf(AuthResult.Failure.class);
        assertThat(auth.authenticate("nobody@example.test", "whatever".toCharArray(), from))
                .isInstanceOf(AuthResult.Failure.class);
        assertThat(auth.authenticate("not an address", "whatever".toCharArray(), from))
                .isInstanceOf(AuthResult.Failure.class);
    }

    @Test
    void loginRehashesAPasswordHashedWithOldParameters() {
        String before = store.passwordHash(alice.id()).orElseThrow();
        PasswordHasher stronger = new PasswordHasher(new Argon2Params(128, 2, 1));
        Authenticator upgraded = new Authenticator(store, stronger, throttle);
        assertThat(upgraded.authenticate("alice@example.test", "a long passphrase".toCharArray(), from))
                .isInstanceOf(AuthResult.Success.class);
        String after = store.passwordHash(alice.id()).orElseThrow();
        assertThat(after).isNotEqualTo(before).startsWith("$argon2id$v=19$m=128,t=2,p=1$");
        assertThat(stronger.verify("a long passphrase".toCharArray(), after)).isTrue();
        // a failed login never rewrites the hash
        upgraded.authenticate("alice@example.test", "wrong".toCharArray(), from);
        assertThat(store.passwordHash(alice.id())).contains(after);
    }

    @Test
    void appPasswordLogsInUntilRevoked() {
        NewAppPassword phone = accounts.addAppPassword("alice@example.test", "phone");
        assertThat(new String(phone.secret())).matches("[a-z2-7]{4}(-[a-z2-7]{4}){4}");
        assertThat(store.appPasswords(alice.id()).get(0).hash()).startsWith("$sha256$")
                .doesNotContain(new String(phone.secret()));
        String typed = new String(phone.secret()).replace("-", "").toUpperCase();
        assertThat(auth.authenticate("alice@example.test", typed.toCharArray(), from))
                .isInstanceOfSatisfying(AuthResult.Success.class, s ->
                        assertThat(s.appPasswordId()).isEqualTo(phone.record().id()));
        accounts.revokeAppPassword("alice@example.test", phone.record().id());
        assertThat(auth.authenticate("alice@example.test", phone.secret(), from)).isInstanceOf(AuthResult.Failure.class);
        assertThatThrownBy(() -> accounts.revokeAppPassword("alice@example.test", phone.record().id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void afterTooManyFailuresEvenTheRightPasswordIsThrottledUntilTheBanEnds() {
        for (int i = 0; i < ThrottlePolicy.ACCOUNT_DEFAULT.banAfter(); i++) {
            auth.authenticate("alice@example.test", ("guess" + i).toCharArray(), from);
            clock.advance(Duration.ofMinutes(2)); // outlast each back-off, so every guess is really tried
        }
        assertThat(auth.authenticate("alice@example.test", "a long passphrase".toCharArray(), from))
                .isInstanceOfSatisfying(AuthResult.Throttled.class, t -> assertThat(t.block().banned()).isTrue());
        clock.advance(ThrottlePolicy.ACCOUNT_DEFAULT.banFor());
        assertThat(auth.authenticate("alice@example.test", "a long passphrase".toCharArray(), from))
                .isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void backOffRefusesWithoutCheckingThePassword() {
        for (int i = 0; i <= ThrottlePolicy.ACCOUNT_DEFAULT.freeFailures(); i++) {
            auth.authenticate("alice@example.test", "nope".toCharArray(), from);
        }
        assertThat(auth.authenticate("alice@example.test", "a long passphrase".toCharArray(), from))
                .isInstanceOfSatisfying(AuthResult.Throttled.class, t -> assertThat(t.block().banned()).isFalse());
        clock.advance(Duration.ofSeconds(1));
        assertThat(auth.authenticate("alice@example.test", "a long passphrase".toCharArray(), from))
                .isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void shortPasswordsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> accounts.addUser("bob@example.test", "hunter2".toCharArray(), 0))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageContaining(String.valueOf(AccountService.MIN_PASSWORD_LENGTH))
                .hasMessageNotContaining("hunter2");
        assertThat(store.user("bob@example.test")).isEmpty();
    }
}
