package org.hearthmail.mailstore.auth;

import com.sun.jna.Pointer;

/** Native memory that libargon2 fills with its blocks: where it starts, how long it is, and how it goes back. */
sealed interface BlockRegion permits HeapRegion, MappedRegion {
    Pointer pointer();

    long size();

    /** Returns the memory to the system; the region must not be used afterwards. */
    void close();
}
