package dev.portcullis.keycloak.client;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Whom a call is about: the login name, and Keycloak's immutable id of the account with when it was made
 * (epoch milliseconds) and its realm. The policy service keys people on the id, so that a renamed account
 * keeps its factors and a new account with an old name inherits nothing; the name is what other services
 * know, and another realm's account cannot take it from this realm's person.
 */
public record Account(String username, String id, Long created, String realm) {

    public static Account of(RealmModel realm, UserModel user) {
        return new Account(user.getUsername(), user.getId(), user.getCreatedTimestamp(),
                realm == null ? null : realm.getName());
    }

    /** An account known by name only: the policy service finds whoever has the name now. */
    public static Account named(String username) {
        return new Account(username, null, null, null);
    }
}
