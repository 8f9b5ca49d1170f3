package org.hearthmail.mailstore.auth;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The two calls of the Argon2 reference implementation's shared library ({@code argon2.h} of
 * release 20171227, Debian package {@code libargon2-1}, soname {@code libargon2.so.1}) that the
 * mailstore uses. The only place in this module that maps a native library.
 */
interface LibArgon2 extends Library {
    /** The soname; the struct below follows this ABI version, so no unversioned name. */
    String SONAME = "libargon2.so.1";

    int ARGON2_OK = 0;
    int ARGON2_ID = 2;              // enum Argon2_type: Argon2_id
    int ARGON2_VERSION_13 = 0x13;   // RFC 9106 §3.1: version number v is 0x13
    int ARGON2_FLAG_CLEAR_PASSWORD = 1;
    int ARGON2_FLAG_CLEAR_SECRET = 1 << 1;
    int ARGON2_MEMORY_ALLOCATION_ERROR = -22;

    /** {@code int argon2_ctx(argon2_context *context, argon2_type type)}; 0 on success. */
    int argon2_ctx(Context context, int type);

    /** {@code const char *argon2_error_message(int error_code)}: a static string, never freed. */
    String argon2_error_message(int errorCode);

    /** @throws LinkageError if the library or JNA's own native part cannot be loaded */
    static LibArgon2 load(String libraryName) {
        return Native.load(libraryName, LibArgon2.class);
    }

    /**
     * {@code argon2_context}: field for field in the C order; JNA lays it out with the platform's
     * alignment. Field names follow the C header.
     */
    @Structure.FieldOrder({"out", "outlen", "pwd", "pwdlen", "salt", "saltlen", "secret", "secretlen",
            "ad", "adlen", "t_cost", "m_cost", "lanes", "threads", "version", "allocate_cbk", "free_cbk", "flags"})
    final class Context extends Structure {
        public Pointer out;
        public int outlen;
        public Pointer pwd;
        public int pwdlen;
        public Pointer salt;
        public int saltlen;
        public Pointer secret;
        public int secretlen;
        public Pointer ad;
        public int adlen;
        public int t_cost;
        public int m_cost;
        public int lanes;
        public int threads;
        public int version;
        /** NULL: the library mallocs the m KiB itself. Either way it wipes them before freeing. */
        public Allocate allocate_cbk;
        public Deallocate free_cbk;
        public int flags;
    }

    /** {@code typedef int (*allocate_fptr)(uint8_t **memory, size_t bytes_to_allocate)}: sets *memory, NULL on failure. */
    interface Allocate extends Callback {
        int invoke(PointerByReference memory, SizeT bytes);
    }

    /** {@code typedef void (*deallocate_fptr)(uint8_t *memory, size_t bytes_to_allocate)}: called after the wipe. */
    interface Deallocate extends Callback {
        void invoke(Pointer memory, SizeT bytes);
    }

    /** C {@code size_t}. */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }
}
