package org.hearthmail.xclient;

import java.util.Objects;

/**
 * One XCLIENT attribute as sent (or not) by the client. Postfix XCLIENT_README: every attribute
 * may be {@code [UNAVAILABLE]} (information not available); NAME may also be {@code [TEMPUNAVAIL]}
 * (the hostname lookup failed temporarily).
 */
public sealed interface XClientValue<T> {

    /** The attribute was not sent. */
    record Absent<T>() implements XClientValue<T> {
    }

    /** {@code [UNAVAILABLE]}. */
    record Unavailable<T>() implements XClientValue<T> {
    }

    /** {@code [TEMPUNAVAIL]} (NAME only). */
    record TempUnavailable<T>() implements XClientValue<T> {
    }

    /** A real value. */
    record Known<T>(T value) implements XClientValue<T> {
        public Known {
            Objects.requireNonNull(value, "value");
        }
    }

    static <T> XClientValue<T> absent() {
        return new Absent<>();
    }

    static <T> XClientValue<T> unavailable() {
        return new Unavailable<>();
    }

    static <T> XClientValue<T> tempUnavailable() {
        return new TempUnavailable<>();
    }

    static <T> XClientValue<T> of(T value) {
        return new Known<>(value);
    }

    default boolean isSent() {
        return !(this instanceof Absent);
    }
}
