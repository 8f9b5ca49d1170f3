package org.hearthmail.dkim;

import java.security.PublicKey;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;

/** RFC 6376 §6.1.2: fetching and checking the key for one signature. */
final class KeyLookup {
    private KeyLookup() { }

    sealed interface Outcome {
        record Usable(DkimKeyRecord record, PublicKey key) implements Outcome { }

        record Failed(DkimStatus status, String reason) implements Outcome { }
    }

    static CompletableFuture<Outcome> fetch(DnsResolver dns, DkimSignature sig) {
        String name = sig.selector() + "._domainkey." + sig.domain();
        return dns.txt(name).thenApply(r -> evaluate(sig, r))
                .exceptionally(e -> new Outcome.Failed(DkimStatus.TEMPERROR, "key lookup failed"));
    }

    private static Outcome evaluate(DkimSignature sig, DnsResult<String> r) {
        if (r.isTempFail()) {
            return new Outcome.Failed(DkimStatus.TEMPERROR, "key lookup failed temporarily");
        }
        if (r.records().isEmpty()) {
            return new Outcome.Failed(DkimStatus.PERMERROR, "no key for signature");
        }
        String problem = "key record syntax error";
        // §6.1.2: with several records the verifier may use any; take the first usable one.
        for (String txt : r.records()) {
            try {
                return check(sig, DkimKeyRecord.parse(txt));
            } catch (DkimSyntaxException e) {
                problem = "key record: " + e.getMessage();
            } catch (DkimKeyException e) {
                problem = e.getMessage();
            }
        }
        return new Outcome.Failed(DkimStatus.PERMERROR, problem);
    }

    private static Outcome check(DkimSignature sig, DkimKeyRecord rec) throws DkimKeyException {
        if (rec.revoked()) {
            return new Outcome.Failed(DkimStatus.PERMERROR, "key revoked");
        }
        // §3.6.1 h=: if present, sha256 must be among the acceptable hashes.
        if (!rec.hashes().isEmpty() && !rec.hashes().contains("sha256")) {
            return new Outcome.Failed(DkimStatus.PERMERROR, "key does not allow sha256");
        }
        if (!rec.services().contains("*") && !rec.services().contains("email")) {
            return new Outcome.Failed(DkimStatus.PERMERROR, "key is not for email");
        }
        if (rec.strictIdentity()) {
            String id = sig.identity();
            String idDomain = id.substring(id.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            // §3.6.1 t=s: the i= domain must equal d=, not be a subdomain of it.
            if (!idDomain.equals(sig.domain())) {
                return new Outcome.Failed(DkimStatus.PERMERROR, "key requires i= domain to equal d= (t=s)");
            }
        }
        return new Outcome.Usable(rec, DkimKeys.publicKeyFromRecord(rec.keyType(), rec.publicKey()));
    }
}
