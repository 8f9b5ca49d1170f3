package org.hearthmail.mailstore.auth;

import org.hearthmail.mailstore.store.AppPassword;

/** A just-created app password: {@code secret} is shown to the user once and is stored nowhere. */
public record NewAppPassword(AppPassword record, char[] secret) {
    @Override
    public String toString() {
        return "NewAppPassword[" + record + "]";
    }
}
