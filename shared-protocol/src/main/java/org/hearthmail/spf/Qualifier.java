package org.hearthmail.spf;

/** RFC 7208 §4.6.2: the result a matching mechanism yields. */
public enum Qualifier {
    PASS('+', SpfResult.PASS),
    FAIL('-', SpfResult.FAIL),
    SOFTFAIL('~', SpfResult.SOFTFAIL),
    NEUTRAL('?', SpfResult.NEUTRAL);

    private final char symbol;
    private final SpfResult result;

    Qualifier(char symbol, SpfResult result) {
        this.symbol = symbol;
        this.result = result;
    }

    public SpfResult result() {
        return result;
    }

    public char symbol() {
        return symbol;
    }

    /** The qualifier for a leading character, or null if it is not one. */
    static Qualifier of(char c) {
        for (Qualifier q : values()) {
            if (q.symbol == c) {
                return q;
            }
        }
        return null;
    }
}
