package org.hearthmail.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactingConverterTest {

    @Test
    void smtpAuthPlainInitialResponseIsMasked() {
        assertThat(RedactingConverter.redact("C: AUTH PLAIN AGRlbW8Ac2VjcmV0"))
                .isEqualTo("C: AUTH PLAIN ***");
    }

    @Test
    void smtpAuthLoginInitialResponseIsMaskedInAnyCase() {
        assertThat(RedactingConverter.redact("auth login ZGVtb0BleGFtcGxlLnRlc3Q= from 192.0.2.7"))
                .isEqualTo("auth login *** from 192.0.2.7");
    }

    @Test
    void authWithoutInitialResponseIsLeftAlone() {
        assertThat(RedactingConverter.redact("AUTH LOGIN")).isEqualTo("AUTH LOGIN");
        assertThat(RedactingConverter.redact("S: 334 VXNlcm5hbWU6")).isEqualTo("S: 334 VXNlcm5hbWU6");
    }

    @Test
    void imapAuthenticateInitialResponseIsMasked() {
        assertThat(RedactingConverter.redact("a2 AUTHENTICATE PLAIN AGRlbW8Ac2VjcmV0"))
                .isEqualTo("a2 AUTHENTICATE PLAIN ***");
    }

    @Test
    void imapLoginPasswordIsMaskedButUserKept() {
        assertThat(RedactingConverter.redact("a1 LOGIN demo@example.test hunter2"))
                .isEqualTo("a1 LOGIN demo@example.test ***");
        assertThat(RedactingConverter.redact("C: a1 LOGIN \"demo\" \"pass word\""))
                .isEqualTo("C: a1 LOGIN \"demo\" \"***\"");
    }

    @Test
    void proseAboutLoginsIsNotMangled() {
        String prose = "login failed for user demo@example.test from 198.51.100.4";
        assertThat(RedactingConverter.redact(prose)).isSameAs(prose);
        assertThat(RedactingConverter.redact("auth failed for bob")).isEqualTo("auth failed for bob");
    }

    @Test
    void keyValueSecretsAreMasked() {
        assertThat(RedactingConverter.redact("connecting with user=demo password=hunter2 port=993"))
                .isEqualTo("connecting with user=demo password=*** port=993");
        assertThat(RedactingConverter.redact("{\"user\":\"demo\",\"password\":\"hunter2\"}"))
                .isEqualTo("{\"user\":\"demo\",\"password\":\"***\"}");
        assertThat(RedactingConverter.redact("url?user=demo&passwd=abc&x=1"))
                .isEqualTo("url?user=demo&passwd=***&x=1");
        assertThat(RedactingConverter.redact("Secret: s3cr3t")).isEqualTo("Secret: ***");
    }

    @Test
    void wireguardPrivateAndPresharedKeysAreMasked() {
        assertThat(RedactingConverter.redact("PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="))
                .isEqualTo("PrivateKey = ***");
        assertThat(RedactingConverter.redact("preshared_key=FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE="))
                .isEqualTo("preshared_key=***");
    }

    @Test
    void httpAuthorizationCredentialsAreMasked() {
        assertThat(RedactingConverter.redact("Authorization: Bearer eyJhbGciOi.x.y"))
                .isEqualTo("Authorization: Bearer ***");
    }

    @Test
    void textWithoutSecretsIsReturnedUnchanged() {
        String line = "250 2.1.5 Ok; Passwords are hashed with Argon2id";
        assertThat(RedactingConverter.redact(line)).isSameAs(line);
        assertThat(RedactingConverter.redact(null)).isNull();
    }

    @Test
    void logbackConfigurationWithConversionRulesRedactsMessageAndExceptionText(@TempDir Path dir)
            throws Exception {
        Path logFile = dir.resolve("out.log");
        String xml = """
                <configuration>
                  <conversionRule conversionWord="redactedMsg" class="org.hearthmail.log.RedactingConverter"/>
                  <conversionRule conversionWord="redactedEx"
                                  class="org.hearthmail.log.RedactingConverter$ThrowableConverter"/>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%level %%redactedMsg%%n%%redactedEx</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(logFile);
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Logger logger = context.getLogger("test");

        logger.info("client sent {}", "AUTH PLAIN AGRlbW8Ac2VjcmV0");
        logger.warn("config rejected", new IllegalStateException("bad value password=hunter2"));
        context.stop();

        String out = Files.readString(logFile);
        assertThat(out).contains("INFO client sent AUTH PLAIN ***")
                .contains("IllegalStateException: bad value password=***")
                .doesNotContain("AGRlbW8Ac2VjcmV0")
                .doesNotContain("hunter2");
    }
}
