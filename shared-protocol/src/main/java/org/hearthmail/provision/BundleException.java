package org.hearthmail.provision;

/**
 * A bundle could not be opened. The subclasses are the closed set of reasons; every message says
 * what to do, and none contains key material or the passphrase.
 */
public abstract sealed class BundleException extends RuntimeException
        permits BundleException.Malformed, BundleException.UnsupportedVersion, BundleException.WrongPassphrase,
        BundleException.Tampered {
    private static final long serialVersionUID = 1L;

    BundleException(String message) {
        super(message);
    }

    /** Not a relay bundle at all, or cut short. */
    public static final class Malformed extends BundleException {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message);
        }
    }

    /** A bundle from a newer (or unknown) format version. */
    public static final class UnsupportedVersion extends BundleException {
        private static final long serialVersionUID = 1L;

        public UnsupportedVersion(String message) {
            super(message);
        }
    }

    /** The passphrase does not open this bundle. */
    public static final class WrongPassphrase extends BundleException {
        private static final long serialVersionUID = 1L;

        public WrongPassphrase(String message) {
            super(message);
        }
    }

    /** The passphrase is right but the content was altered after sealing. */
    public static final class Tampered extends BundleException {
        private static final long serialVersionUID = 1L;

        public Tampered(String message) {
            super(message);
        }
    }
}
