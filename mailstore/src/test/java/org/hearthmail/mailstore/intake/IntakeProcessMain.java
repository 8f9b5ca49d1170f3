package org.hearthmail.mailstore.intake;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;

/**
 * A mailstore intake in its own JVM, for the crash test: opens (or creates) the store in the
 * directory given, serves intake on a free loopback port and prints {@code READY <port>}.
 */
public final class IntakeProcessMain {

    private IntakeProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        DataDirectory dir = new DataDirectory(Path.of(args[0])).create();
        SqliteMailStore store = SqliteMailStore.open(dir, StoreOptions.defaults());
        if (store.domain("example.test").isEmpty()) {
            store.addDomain("example.test");
            store.addUser("alice@example.test", null, 0);
        }
        IntakeConfig config = new IntakeConfig("home.example.test", new InetSocketAddress("127.0.0.1", 0),
                CidrSet.of("127.0.0.1/32"), 10L * 1024 * 1024, "mx.example.test", false);
        IntakeServer server = new IntakeServer(config, store, Executors.newFixedThreadPool(4));
        InetSocketAddress bound = server.start();
        System.out.println("READY " + bound.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
