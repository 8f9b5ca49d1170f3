package org.hearthmail.mailstore.rcptpush;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.config.RelayCredentials;
import org.hearthmail.mailstore.submission.RelayHandoff;
import org.hearthmail.rcptcache.RecipientCachePush;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClientConfig;
import org.hearthmail.smtp.client.SmtpReplyException;

/**
 * One push of a recipient cache file to one relay, the way submission hands mail over
 * ({@link RelayHandoff}): EHLO, STARTTLS with the pinned certificate (RFC 3207), AUTH PLAIN as the
 * relay's name and secret (RFC 4954), then {@code MAIL FROM:<>}, {@code RCPT TO:<}{@value
 * RecipientCachePush#CONTROL_ADDRESS}{@code >} and DATA with the push (docs/adr/0007).
 * Blocks the calling thread for at most {@code timeout}: call from the sync's own thread.
 */
public final class RelayCachePusher {

    private final RelayHandoff.Target target;
    private final String heloName;
    private final EventLoopGroup group;
    private final Duration timeout;

    public RelayCachePusher(RelayHandoff.Target target, String heloName, EventLoopGroup group, Duration timeout) {
        this.target = target;
        this.heloName = heloName;
        this.group = group;
        this.timeout = timeout;
    }

    public String describe() {
        return target.describe();
    }

    /** Sends {@code cacheFile}; never throws for the relay's sake, only reports. */
    public PushOutcome push(byte[] cacheFile) throws InterruptedException {
        RelayCredentials creds;
        try {
            creds = RelayCredentials.read(target.credentials());
        } catch (InvalidConfigException e) {
            return new PushOutcome.Refused(Reply.of(535, "5.7.8", e.getMessage()));
        }
        CompletableFuture<Reply> done = target.open(group, SmtpClientConfig.defaults(), heloName, timeout, creds)
                // RFC 5321 §4.5.5: the null reverse-path, as for other notifications no one should answer.
                .thenCompose(c -> c.mail("", List.of())
                .thenCompose(mail -> mail.isPositive() ? c.rcpt(RecipientCachePush.CONTROL_ADDRESS, List.of())
                        : CompletableFuture.completedFuture(mail))
                .thenCompose(rcpt -> rcpt.isPositive() ? c.data(MessageBody.of(RecipientCachePush.message(cacheFile)))
                        : CompletableFuture.completedFuture(rcpt))
                .whenComplete((r, e) -> RelayHandoff.closeQuietly(c)));
        try {
            return outcome(done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            done.cancel(true);
            return new PushOutcome.Unreachable("no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof SmtpReplyException r && r.command().startsWith("AUTH")) {
                return new PushOutcome.Refused(r.reply());
            }
            return new PushOutcome.Unreachable(String.valueOf(cause.getMessage()));
        }
    }

    static PushOutcome outcome(Reply reply) {
        OptionalLong installed = RecipientCachePush.installedGeneration(reply);
        if (reply.code() == 250 && installed.isPresent()) {
            return RecipientCachePush.confirms(reply) ? new PushOutcome.Confirmed(installed.getAsLong())
                    : new PushOutcome.Installed(installed.getAsLong(), entries(reply.text()));
        }
        if (reply.isPermanentFailure() && installed.isPresent()) {
            return new PushOutcome.Outdated(installed.getAsLong());
        }
        if (reply.isTransientFailure()) {
            return new PushOutcome.Unreachable(reply.toString());
        }
        return new PushOutcome.Refused(reply);
    }

    private static int entries(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) entries\\)").matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
