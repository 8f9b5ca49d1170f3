package org.hearthmail.relay.outbound;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Authenticator;
import org.hearthmail.smtp.server.SessionInfo;

/**
 * Accepts exactly one identity: user name = the relay's name, password = the per-relay secret. Both
 * are compared in constant time (MessageDigest.isEqual) and both always, so timing tells nothing
 * about which one was wrong. Neither is ever logged.
 */
public final class RelaySecretAuthenticator implements Authenticator {
    private final byte[] user;
    private final byte[] secret;

    public RelaySecretAuthenticator(String relayName, byte[] secret) {
        this.user = relayName.getBytes(StandardCharsets.UTF_8);
        this.secret = secret.clone();
    }

    @Override
    public CompletionStage<Result> authenticate(SessionInfo session, Credentials credentials) {
        byte[] given = utf8(credentials.password());
        try {
            boolean userOk = MessageDigest.isEqual(user, credentials.username().getBytes(StandardCharsets.UTF_8));
            boolean secretOk = MessageDigest.isEqual(secret, given);
            // RFC 4616 §2: an authzid other than the authcid is a request to act as someone else; refuse it.
            boolean authzOk = credentials.authzid().isEmpty() || credentials.authzid().equals(credentials.username());
            return CompletableFuture.completedFuture(userOk & secretOk & authzOk
                    ? new Result.Success(credentials.username())
                    : new Result.Failure(Reply.AUTH_INVALID));
        } finally {
            Arrays.fill(given, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }
}
