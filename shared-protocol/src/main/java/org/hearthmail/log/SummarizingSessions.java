package org.hearthmail.log;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionHandlerFactory;
import org.hearthmail.smtp.server.SessionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a listener's sessions so that every message leaves one {@link MessageSummary} line, whatever
 * the policy behind it decided. The content passes through untouched; only its size is counted
 * and, where the first header field is trusted, that field read for its authentication results.
 */
public final class SummarizingSessions {
    static final Logger LOG = LoggerFactory.getLogger(MessageSummary.LOGGER);
    /** The relay's Authentication-Results field comes first and is far shorter than this. */
    private static final int HEADER_CAPTURE = 8 * 1024;

    private SummarizingSessions() {
    }

    /**
     * @param direction             the {@code dir=} of the summary lines
     * @param firstFieldFromRelay   read the first header field as the relay's Authentication-Results
     *                              when the session came through trusted XCLIENT/PROXY (the mailstore intake)
     */
    public static SessionHandlerFactory wrap(String direction, boolean firstFieldFromRelay, SessionHandlerFactory inner) {
        return info -> new Handler(direction, firstFieldFromRelay, inner.newSession(info));
    }

    private static final class Handler implements SessionHandler {
        private final String direction;
        private final boolean firstFieldFromRelay;
        private final SessionHandler inner;
        private int messages;

        Handler(String direction, boolean firstFieldFromRelay, SessionHandler inner) {
            this.direction = direction;
            this.firstFieldFromRelay = firstFieldFromRelay;
            this.inner = inner;
        }

        @Override
        public CompletionStage<Decision> connect(SessionInfo session) {
            return inner.connect(session);
        }

        @Override
        public CompletionStage<Decision> helo(SessionInfo session, String name) {
            return inner.helo(session, name);
        }

        @Override
        public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
            return inner.mailFrom(session, mailFrom);
        }

        @Override
        public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
            return inner.rcptTo(session, mailFrom, rcptTo);
        }

        @Override
        public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
            String id = session.id() + "." + (++messages);
            boolean capture = firstFieldFromRelay && session.forwarded();
            return inner.openMessage(session, envelope).handle((sink, err) -> {
                if (err != null) {
                    log(new Sink(id, session, envelope, null, false), null);
                    throw err instanceof java.util.concurrent.CompletionException c ? c
                            : new java.util.concurrent.CompletionException(err);
                }
                return new Sink(id, session, envelope, sink, capture);
            });
        }

        @Override
        public void reset() {
            inner.reset();
        }

        @Override
        public void close() {
            inner.close();
        }

        private final class Sink implements MessageSink {
            private final String id;
            private final SessionInfo session;
            private final Envelope envelope;
            private final MessageSink inner;
            private final ByteArrayOutputStream header;
            private long size;
            private boolean logged;

            Sink(String id, SessionInfo session, Envelope envelope, MessageSink inner, boolean capture) {
                this.id = id;
                this.session = session;
                this.envelope = envelope;
                this.inner = inner;
                this.header = capture ? new ByteArrayOutputStream() : null;
            }

            @Override
            public CompletionStage<Void> write(ByteBuf chunk) {
                int n = chunk.readableBytes();
                size += n;
                if (header != null && header.size() < HEADER_CAPTURE) {
                    int take = Math.min(n, HEADER_CAPTURE - header.size());
                    byte[] b = new byte[take];
                    chunk.getBytes(chunk.readerIndex(), b);
                    header.write(b, 0, take);
                }
                return inner.write(chunk);
            }

            @Override
            public CompletionStage<Reply> finish() {
                return inner.finish().whenComplete((reply, err) -> log(this, reply));
            }

            @Override
            public void abort() {
                inner.abort();
                log(this, null);
            }
        }

        private void log(Sink s, Reply reply) {
            if (s.logged) {
                return;
            }
            s.logged = true;
            try {
                SessionInfo info = s.session;
                List<String> auth = new ArrayList<>();
                if (inner instanceof SummaryFacts f) {
                    f.authResults().ifPresent(ar -> auth.addAll(MessageSummary.authMethods(ar)));
                } else if (s.header != null) {
                    auth.addAll(MessageSummary.authMethods(firstAuthResults(s.header.toByteArray())));
                }
                if (info.authIdentity() != null) {
                    // RFC 4954: the client authenticated; who it was stays out of this line.
                    auth.add("smtp-auth:pass");
                }
                InetAddress client = info.client() == null || info.client().isUnresolved() ? null : info.client().getAddress();
                MailFrom m = s.envelope.mailFrom();
                List<String> to = s.envelope.recipients().stream().map(r -> r.recipient().toString()).toList();
                MessageSummary summary = new MessageSummary(s.id, MessageSummary.queueIdOf(reply), direction, reply, s.size,
                        info.tls() != null, auth, client, m.isNullSender() ? "" : m.sender().toString(), to);
                LOG.info(summary.render(LogPrivacy.current()));
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(SummarizingSessions.class).warn("no summary line for message {}: {}", s.id, e.toString());
            }
        }
    }

    /** The leading {@code Authentication-Results} field with its continuation lines (RFC 5322 §2.2.3), or null. */
    static String firstAuthResults(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!text.regionMatches(true, 0, "Authentication-Results:", 0, 23)) {
            return null;
        }
        int end = 0;
        while (true) {
            int crlf = text.indexOf("\r\n", end);
            if (crlf < 0) {
                return text;
            }
            end = crlf + 2;
            if (end >= text.length() || (text.charAt(end) != ' ' && text.charAt(end) != '\t')) {
                return text.substring(0, crlf);
            }
        }
    }
}
