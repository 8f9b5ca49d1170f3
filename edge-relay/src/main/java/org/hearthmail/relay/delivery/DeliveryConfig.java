package org.hearthmail.relay.delivery;

import java.time.Duration;
import java.util.Objects;
import org.hearthmail.smtp.client.SmtpClientConfig;

/**
 * How the relay connects to remote MX hosts.
 *
 * @param heloName        our EHLO name (the relay's public host name; should match its PTR)
 * @param port            25 on the internet (RFC 5321 §4.5.4.2 ... the SMTP port); other values only for tests
 * @param connectTimeout  per address
 * @param ipv6            also try AAAA addresses (before A addresses of the same host)
 * @param client          SMTP client timeouts and limits (RFC 5321 §4.5.3.2 defaults)
 * @param attemptTimeout  upper bound of one whole attempt for one domain
 * @param allowLocalAddresses deliver to loopback and link-local MX addresses (tests only: in production an MX
 *                        pointing there is a misconfiguration or an attempt to make the relay talk to itself)
 */
public record DeliveryConfig(String heloName, int port, Duration connectTimeout, boolean ipv6, SmtpClientConfig client,
                             Duration attemptTimeout, boolean allowLocalAddresses) {
    public DeliveryConfig {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(client, "client");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static DeliveryConfig defaults(String heloName) {
        return new DeliveryConfig(heloName, 25, Duration.ofSeconds(30), true, SmtpClientConfig.defaults(), Duration.ofMinutes(30), false);
    }

    public DeliveryConfig withPort(int p) {
        return new DeliveryConfig(heloName, p, connectTimeout, ipv6, client, attemptTimeout, allowLocalAddresses);
    }

    public DeliveryConfig allowingLocalAddresses() {
        return new DeliveryConfig(heloName, port, connectTimeout, ipv6, client, attemptTimeout, true);
    }
}
