package org.hearthmail.relay.checks;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hearthmail.authres.AuthResultsBuilder;
import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimVerifier;
import org.hearthmail.dmarc.DmarcEvaluator;
import org.hearthmail.dmarc.DmarcVerdict;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.spf.SpfChecker;
import org.hearthmail.spf.SpfResult;
import org.hearthmail.spf.SpfVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sender authentication for inbound mail: SPF at MAIL, DKIM while content streams, DMARC and the
 * policy decision at the end, summed up in one Authentication-Results field (RFC 8601). Thread-safe.
 */
public final class SenderChecks {

    private static final Logger log = LoggerFactory.getLogger(SenderChecks.class);

    private final SpfChecker spf;
    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;
    private final String authservId;
    private final AuthPolicy policy;

    /**
     * @param dns        resolver for every lookup
     * @param executor   where signature checks run (never an event loop)
     * @param authservId our authserv-id (RFC 8601 §2.5), a host name
     * @param hostname   this relay's host name (SPF %{r})
     */
    public SenderChecks(DnsResolver dns, Executor executor, String authservId, AuthPolicy policy, String hostname,
                        Clock clock) {
        this(new SpfChecker(dns, hostname, clock), new DkimVerifier(dns, executor, clock, DkimVerifier.Limits.defaults()),
                new DmarcEvaluator(dns), authservId, policy);
    }

    SenderChecks(SpfChecker spf, DkimVerifier dkim, DmarcEvaluator dmarc, String authservId, AuthPolicy policy) {
        this.spf = spf;
        this.dkim = dkim;
        this.dmarc = dmarc;
        this.authservId = Objects.requireNonNull(authservId, "authservId");
        this.policy = Objects.requireNonNull(policy, "policy");
        new AuthResultsBuilder(authservId); // fails now, not per message, if the id is not a token
    }

    public AuthPolicy policy() {
        return policy;
    }

    /**
     * RFC 7208 §2.4: checks the MAIL FROM identity. Never completes exceptionally.
     *
     * @param client   the SMTP client's address, null if unknown
     * @param mailFrom the reverse-path without brackets, empty for the null reverse-path
     * @param helo     the EHLO/HELO argument
     */
    public CompletableFuture<SpfOutcome> atMail(InetAddress client, String mailFrom, String helo) {
        String path = mailFrom == null ? "" : mailFrom;
        if (client == null) {
            return CompletableFuture.completedFuture(new SpfOutcome(new SpfVerdict(SpfResult.NONE,
                    SpfVerdict.Identity.MAILFROM, domainOf(path, helo), java.util.Optional.empty(),
                    "client address unknown"), path));
        }
        return spf.checkMailFrom(client, path, helo == null ? "" : helo).thenApply(v -> new SpfOutcome(v, path));
    }

    /** A check of one message's content; feed it everything, then {@link #conclude}. */
    public ContentCheck begin() {
        return new ContentCheck(dkim.begin());
    }

    /**
     * DKIM results, the author domain, DMARC, then the policy. Never completes exceptionally.
     *
     * @param sessionId for the log line
     */
    public CompletableFuture<Conclusion> conclude(String sessionId, SpfOutcome spfOutcome, ContentCheck content) {
        AuthorDomain author = content.author();
        return content.finishDkim().thenCompose(dkimResults -> {
            CompletableFuture<DmarcVerdict> verdict = author instanceof AuthorDomain.Single s
                    ? dmarc.evaluate(s.domain(), spfOutcome.verdict(), dkimResults)
                    : CompletableFuture.completedFuture(null);
            return verdict.thenApply(d -> decide(sessionId, spfOutcome, dkimResults, author, d));
        });
    }

    private Conclusion decide(String sessionId, SpfOutcome spfOutcome, List<DkimResult> dkimResults, AuthorDomain author,
                              DmarcVerdict verdict) {
        AuthResultsBuilder ar = new AuthResultsBuilder(authservId);
        spfOutcome.addTo(ar);
        ar.dkim(dkimResults);
        if (verdict != null) {
            ar.dmarc(verdict);
        } else if (author instanceof AuthorDomain.Several several) {
            // RFC 7489 §6.6.1: no single author domain to evaluate; recorded as a permanent error.
            ar.dmarc(new DmarcVerdict(org.hearthmail.dmarc.DmarcResult.PERMERROR, org.hearthmail.dmarc.DmarcPolicy.NONE,
                    String.join(",", several.domains()), "", java.util.Optional.empty(), false, false, false,
                    "several author domains"));
        }
        String header = ar.build();
        VerdictPolicy.Action action = VerdictPolicy.decide(policy, author, verdict);
        // Ordinary deliveries are in the per-message summary line already (org.hearthmail.log, with
        // these results): this line costs a formatted write per message, so only refusals and Junk
        // verdicts get it at INFO.
        boolean ordinary = action instanceof VerdictPolicy.Action.Deliver d && !d.junk();
        if (!ordinary || log.isDebugEnabled()) {
            String line = "session {}: spf={} dkim={} dmarc={} author={} -> {}";
            Object[] args = {sessionId, spfOutcome.verdict().result().keyword(),
                    dkimResults.stream().map(r -> r.status().keyword() + "(" + r.domain() + ")").toList(),
                    verdict == null ? "n/a" : verdict.result().keyword() + "/" + verdict.apply().keyword(),
                    describe(author), action};
            if (ordinary) {
                log.debug(line, args);
            } else {
                log.info(line, args);
            }
        }
        if (action instanceof VerdictPolicy.Action.Refuse r) {
            return new Conclusion.Refuse(r.reply(), header);
        }
        return new Conclusion.Forward(header, ((VerdictPolicy.Action.Deliver) action).junk());
    }

    private static String describe(AuthorDomain a) {
        if (a instanceof AuthorDomain.Single s) {
            return s.domain();
        }
        if (a instanceof AuthorDomain.Missing m) {
            return "missing (" + m.reason() + ")";
        }
        return "several " + ((AuthorDomain.Several) a).domains();
    }

    private static String domainOf(String path, String helo) {
        int at = path.lastIndexOf('@');
        return at >= 0 ? path.substring(at + 1) : helo == null ? "" : helo;
    }
}
