package org.hearthmail.smtp.server.auth;

import java.util.Arrays;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Authenticator;

/** SASL PLAIN, RFC 4616 §2: {@code message = [authzid] UTF8NUL authcid UTF8NUL passwd}. */
final class PlainMechanism implements SaslMechanism {

    private static final Reply MALFORMED = Reply.of(501, "5.5.2", "Malformed PLAIN response");

    @Override
    public SaslStep start(byte[] initial) {
        // RFC 4954 §4: no initial response means an empty challenge first.
        return initial == null ? new SaslStep.Challenge(new byte[0]) : next(initial);
    }

    @Override
    public SaslStep next(byte[] m) {
        int first = indexOf(m, 0);
        int second = first < 0 ? -1 : indexOf(m, first + 1);
        if (first < 0 || second < 0 || indexOf(m, second + 1) >= 0) {
            return new SaslStep.Failed(MALFORMED);
        }
        char[] authzid = SaslMechanism.utf8(m, 0, first);
        char[] authcid = SaslMechanism.utf8(m, first + 1, second);
        char[] passwd = SaslMechanism.utf8(m, second + 1, m.length);
        Arrays.fill(m, (byte) 0);
        // RFC 4616 §2: authcid and passwd are 1*SAFE (non-empty).
        if (authzid == null || authcid == null || passwd == null || authcid.length == 0 || passwd.length == 0) {
            return new SaslStep.Failed(MALFORMED);
        }
        return new SaslStep.Done(new Authenticator.Credentials(new String(authzid), new String(authcid), passwd));
    }

    private static int indexOf(byte[] a, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
