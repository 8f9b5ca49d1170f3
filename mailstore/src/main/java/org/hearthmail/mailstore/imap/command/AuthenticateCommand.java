package org.hearthmail.mailstore.imap.command;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * RFC 3501 §6.2.2 AUTHENTICATE with the PLAIN mechanism (RFC 4616), and an initial response on
 * the command line (RFC 4959 SASL-IR). The payload holds the password: it is never logged.
 */
final class AuthenticateCommand implements Command {
    @Override public String name() { return "AUTHENTICATE"; }
    @Override public Set<ImapState> validIn() { return States.NOT_AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        String mechanism = args.keyword();
        String initial = args.hasMore() ? args.atom() : null;
        args.end();
        if (!mechanism.equals("PLAIN")) {
            throw ImapException.no(null, "Unsupported authentication mechanism");
        }
        Logins.requirePrivacy(ctx);
        if (initial != null) {
            // RFC 4959 §3: "=" stands for an empty initial response.
            return plain(ctx, initial.equals("=") ? new byte[0] : decode(initial.getBytes(StandardCharsets.US_ASCII)));
        }
        ctx.continuation("");
        ctx.expectLine(line -> {
            // RFC 3501 §6.2.2: "*" cancels, answered with BAD.
            if (line.length == 1 && line[0] == '*') {
                throw ImapException.bad("AUTHENTICATE cancelled");
            }
            return plain(ctx, decode(line));
        });
        return new Outcome.Waiting();
    }

    private static byte[] decode(byte[] b64) throws ImapException {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw ImapException.bad("Invalid base64 in AUTHENTICATE response");
        }
    }

    /** RFC 4616 §2: [authzid] NUL authcid NUL passwd. */
    private static Outcome plain(CommandContext ctx, byte[] msg) throws ImapException {
        try {
            int a = indexOf(msg, 0);
            int b = a < 0 ? -1 : indexOf(msg, a + 1);
            if (a < 0 || b < 0 || indexOf(msg, b + 1) >= 0) {
                throw ImapException.bad("Malformed PLAIN response");
            }
            String authz = new String(msg, 0, a, StandardCharsets.UTF_8);
            String authc = new String(msg, a + 1, b - a - 1, StandardCharsets.UTF_8);
            if (!authz.isEmpty() && !authz.equalsIgnoreCase(authc)) {
                throw ImapException.no("AUTHORIZATIONFAILED", "Logging in as another user is not allowed");
            }
            char[] password = chars(msg, b + 1);
            return Logins.login(ctx, authc, password);
        } finally {
            Arrays.fill(msg, (byte) 0);
        }
    }

    private static char[] chars(byte[] msg, int from) throws ImapException {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(msg, from, msg.length - from));
            char[] out = new char[cb.remaining()];
            cb.get(out);
            Arrays.fill(cb.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw ImapException.bad("Password is not UTF-8");
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
