package org.hearthmail.relay.delivery.sts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Fetches a policy over HTTPS (RFC 8461 §3.3) with the JDK client: PKIX-validated certificate for
 * {@code mta-sts.<domain>}, no redirects, 200 with {@code text/plain} only, at most 64 KiB.
 */
public final class MtaStsFetcher {
    /** RFC 8461 §3.3: "senders SHOULD impose a limit on the maximum size of the response body (64 KB)". */
    static final int MAX_BODY = 64 * 1024;

    private final HttpClient http;
    private final Function<String, URI> policyUri;
    private final Duration timeout;

    /** Production: {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}, the JDK's trust store. */
    public static MtaStsFetcher standard(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
        return new MtaStsFetcher(client, d -> URI.create("https://mta-sts." + d + "/.well-known/mta-sts.txt"), timeout);
    }

    /**
     * @param http      must not follow redirects (RFC 8461 §3.3)
     * @param policyUri the policy URL for a domain (tests point it at a loopback server)
     */
    public MtaStsFetcher(HttpClient http, Function<String, URI> policyUri, Duration timeout) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("RFC 8461 §3.3: the policy fetch must not follow redirects");
        }
        this.http = http;
        this.policyUri = policyUri;
        this.timeout = timeout;
    }

    /** The policy, or empty on any failure (HTTP error, wrong type, too big, invalid policy). */
    public CompletableFuture<Optional<MtaStsPolicy>> fetch(String domain) {
        HttpRequest req = HttpRequest.newBuilder(policyUri.apply(domain)).timeout(timeout).GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(resp -> {
                    try (InputStream in = resp.body()) {
                        String type = resp.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                        if (resp.statusCode() != 200 || !type.startsWith("text/plain")) {
                            return Optional.<MtaStsPolicy>empty();
                        }
                        byte[] body = in.readNBytes(MAX_BODY + 1);
                        if (body.length > MAX_BODY) {
                            return Optional.<MtaStsPolicy>empty();
                        }
                        return MtaStsPolicy.parse(new String(body, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        return Optional.<MtaStsPolicy>empty();
                    }
                })
                .exceptionally(err -> Optional.empty());
    }
}
