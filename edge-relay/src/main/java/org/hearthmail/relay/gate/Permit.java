package org.hearthmail.relay.gate;

/** One admitted connection's place in the concurrency counts; closing it twice is harmless. */
public interface Permit extends AutoCloseable {
    @Override
    void close();
}
