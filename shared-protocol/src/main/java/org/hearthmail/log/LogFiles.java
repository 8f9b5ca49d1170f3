package org.hearthmail.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A program's log files: {@code DIR/PROGRAM.log}, rolled over at midnight (UTC) to
 * {@code DIR/PROGRAM.YYYY-MM-DD.log.gz}, and none kept longer than the retention: Logback's
 * {@code maxHistory} for the files it rolls, and {@link LogRetention} at start and daily for
 * anything older (files of earlier runs, a changed retention, a stopped clock). Lines are
 * redacted by {@link RedactingConverter} like the console's.
 */
public final class LogFiles implements AutoCloseable {
    public static final String APPENDER = "FILE";
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{20} - %redactedMsg%n%redactedEx";

    private final RollingFileAppender<ILoggingEvent> appender;
    private final ScheduledExecutorService sweeper;

    private LogFiles(RollingFileAppender<ILoggingEvent> appender, ScheduledExecutorService sweeper) {
        this.appender = appender;
        this.sweeper = sweeper;
    }

    /**
     * Sends every log line of this process to {@code dir} as well (replacing an earlier
     * {@code install}), deletes files past the retention now and once a day, and renders addresses
     * in log lines as {@code addresses} says.
     *
     * @throws IOException when {@code dir} cannot be made
     */
    public static LogFiles install(Path dir, String program, int retentionDays, AddressLogging addresses) throws IOException {
        Objects.requireNonNull(program, "program");
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retention must be at least one day");
        }
        Files.createDirectories(dir);
        LogPrivacy.configure(addresses);
        LogRetention retention = new LogRetention(dir, program, retentionDays, Clock.systemUTC());
        retention.sweep(true);

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> rules = (java.util.Map<String, String>) context.getObject(
                ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new java.util.HashMap<>();
            context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("redactedMsg", RedactingConverter.class.getName());
        rules.put("redactedEx", RedactingConverter.ThrowableConverter.class.getName());

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName(APPENDER);
        file.setFile(dir.resolve(program + ".log").toString());
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        // %d names the period: one file a UTC day; .gz compresses the rolled ones.
        policy.setFileNamePattern(dir.resolve(program + ".%d{yyyy-MM-dd,UTC}.log.gz").toString());
        policy.setMaxHistory(retentionDays);
        policy.setCleanHistoryOnStart(true);
        policy.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        file.setRollingPolicy(policy);
        file.setEncoder(encoder);
        file.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        replace(root, file);
        // Summary lines go to the files only, whose retention is enforced here, not to the console
        // (and so not to a journal that keeps them for as long as it likes).
        Logger summary = context.getLogger(MessageSummary.LOGGER);
        summary.setAdditive(false);
        // The per-message record is kept whatever the level of the rest (--log-level warn).
        summary.setLevel(ch.qos.logback.classic.Level.INFO);
        replace(summary, file);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "log-retention");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleAtFixedRate(retention::sweepQuietly, 1, 24, TimeUnit.HOURS);
        return new LogFiles(file, sweeper);
    }

    private static void replace(Logger logger, RollingFileAppender<ILoggingEvent> file) {
        ch.qos.logback.core.Appender<ILoggingEvent> old = logger.getAppender(APPENDER);
        logger.addAppender(file);
        if (old != null && old != file) {
            logger.detachAppender(old);
            old.stop();
        }
    }

    /** Stops writing files; summary lines go back to the console. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger summary = context.getLogger(MessageSummary.LOGGER);
        if (summary.getAppender(APPENDER) == appender) {
            summary.detachAppender(appender);
            summary.setAdditive(true);
            summary.setLevel(null);
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }
}
