package org.hearthmail.smtp.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Authenticator;

/**
 * SASL LOGIN (draft-murchison-sasl-login-00): challenges "Username:" and "Password:". Obsolete but
 * still used by some clients (Outlook); only offered inside TLS like PLAIN.
 */
final class LoginMechanism implements SaslMechanism {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);
    private String username;

    @Override
    public SaslStep start(byte[] initial) {
        // Some clients send the user name as an initial response.
        return initial == null ? new SaslStep.Challenge(USERNAME) : next(initial);
    }

    @Override
    public SaslStep next(byte[] response) {
        char[] text = SaslMechanism.utf8(response, 0, response.length);
        Arrays.fill(response, (byte) 0);
        if (text == null || text.length == 0) {
            return new SaslStep.Failed(Reply.of(501, "5.5.2", "Malformed LOGIN response"));
        }
        if (username == null) {
            username = new String(text);
            return new SaslStep.Challenge(PASSWORD);
        }
        return new SaslStep.Done(new Authenticator.Credentials("", username, text));
    }
}
