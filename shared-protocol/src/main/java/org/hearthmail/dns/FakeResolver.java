package org.hearthmail.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A resolver that is just data, for unit tests: records are added by name; a name with no
 * records at all answers NXDOMAIN, a name with records of other types answers no data, and
 * names marked with {@link #servfail(String)} or {@link #timeout(String)} fail temporarily.
 * Every query is recorded (as {@code TYPE name}) so tests can count lookups.
 *
 * <p>Not for production use: it lives in main so that other modules' unit tests can use it.
 */
public final class FakeResolver implements DnsResolver {

    private final Map<String, Map<String, List<Object>>> zone = new HashMap<>();
    private final Map<String, DnsResult.Cause> failing = new HashMap<>();
    private final List<String> queries = Collections.synchronizedList(new ArrayList<>());

    public FakeResolver txt(String name, String... records) {
        return add(name, "TXT", (Object[]) records);
    }

    public FakeResolver a(String name, String... addresses) {
        return add(name, "A", (Object[]) parse(addresses));
    }

    public FakeResolver aaaa(String name, String... addresses) {
        return add(name, "AAAA", (Object[]) parse(addresses));
    }

    public FakeResolver mx(String name, int preference, String host) {
        return add(name, "MX", new MxHost(preference, DnsNames.normalize(host)));
    }

    /** PTR record for the reverse name of {@code address}. */
    public FakeResolver ptr(String address, String... names) {
        Object[] normalized = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            normalized[i] = DnsNames.normalize(names[i]);
        }
        return add(DnsNames.reverseName(parse(address)[0]), "PTR", normalized);
    }

    /** The name exists (no data for any type) without records. */
    public FakeResolver exists(String name) {
        zone.computeIfAbsent(DnsNames.normalize(name), k -> new HashMap<>());
        return this;
    }

    public FakeResolver servfail(String name) {
        failing.put(DnsNames.normalize(name), DnsResult.Cause.SERVFAIL);
        return this;
    }

    public FakeResolver timeout(String name) {
        failing.put(DnsNames.normalize(name), DnsResult.Cause.TIMEOUT);
        return this;
    }

    /** The queries asked so far, as {@code "TYPE name"}. */
    public List<String> queries() {
        synchronized (queries) {
            return List.copyOf(queries);
        }
    }

    @Override
    public CompletableFuture<DnsResult<String>> txt(String name) {
        return answer(name, "TXT");
    }

    @Override
    public CompletableFuture<DnsResult<Inet4Address>> a(String name) {
        return answer(name, "A");
    }

    @Override
    public CompletableFuture<DnsResult<Inet6Address>> aaaa(String name) {
        return answer(name, "AAAA");
    }

    @Override
    public CompletableFuture<DnsResult<MxHost>> mx(String name) {
        return answer(name, "MX");
    }

    @Override
    public CompletableFuture<DnsResult<String>> ptr(InetAddress address) {
        return answer(DnsNames.reverseName(address), "PTR");
    }

    private FakeResolver add(String name, String type, Object... values) {
        zone.computeIfAbsent(DnsNames.normalize(name), k -> new HashMap<>())
                .computeIfAbsent(type, k -> new ArrayList<>())
                .addAll(List.of(values));
        return this;
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<DnsResult<T>> answer(String name, String type) {
        String n = DnsNames.normalize(name);
        queries.add(type + " " + n);
        DnsResult.Cause cause = failing.get(n);
        if (cause != null) {
            return CompletableFuture.completedFuture(new DnsResult.TempFail<>(cause, cause.name()));
        }
        Map<String, List<Object>> node = zone.get(n);
        if (node == null) {
            return CompletableFuture.completedFuture(new DnsResult.NxDomain<>());
        }
        List<T> records = (List<T>) (List<?>) node.getOrDefault(type, List.of());
        return CompletableFuture.completedFuture(DnsResult.of(records));
    }

    private static InetAddress[] parse(String... addresses) {
        InetAddress[] out = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            out[i] = InetAddressLiteral.parse(addresses[i]);
        }
        return out;
    }
}
