package org.hearthmail.mailstore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The start-up line that says which Argon2id implementation runs: once, with the reason for a fallback. */
class Argon2idAnnouncementTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Argon2id.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void watch() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void restore() {
        logger.detachAppender(events);
        logger.setLevel(previousLevel);
    }

    @Test
    void aFallbackIsAnnouncedOnceAsAWarningWithItsReason() {
        Argon2id chosen = Argon2id.choose("libhearthmail-no-such-argon2.so.1");
        chosen.announce();
        chosen.announce();
        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("BouncyCastle", "libhearthmail-no-such-argon2.so.1",
                    "libargon2-1");
        });
    }

    @Test
    void theNativeLibraryIsAnnouncedAsInformation() {
        assumeTrue(Libargon2Files.installed(), "Debian package libargon2-1 not installed (no libargon2.so.1)");
        Argon2id chosen = Argon2id.choose(LibArgon2.SONAME);
        chosen.announce();
        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("native libargon2.so.1");
        });
    }
}
