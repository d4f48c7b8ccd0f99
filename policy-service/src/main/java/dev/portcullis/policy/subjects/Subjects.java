package dev.portcullis.policy.subjects;

import java.util.Locale;

/**
 * A person's login name as requests give it: trimmed and lower-cased as Keycloak stores usernames
 * ({@code Alice} is {@code alice}), and otherwise exactly as spelt. Names are not folded further
 * (no NFKC): {@code ａｌｉｃｅ} and {@code alice} are two accounts in Keycloak, so two people here.
 */
public final class Subjects {

    public static final int MAX_LENGTH = 255;
    /** The identity provider's immutable id of the person a request is about. */
    public static final String ID_HEADER = "X-Portcullis-Subject-Id";
    /** When the identity provider created that person's account (epoch milliseconds). */
    public static final String CREATED_HEADER = "X-Portcullis-Subject-Created";
    /** The identity provider's realm of that account. */
    public static final String REALM_HEADER = "X-Portcullis-Subject-Realm";

    private Subjects() {
    }

    public static String normalise(String loginName) {
        return loginName.strip().toLowerCase(Locale.ROOT);
    }
}
