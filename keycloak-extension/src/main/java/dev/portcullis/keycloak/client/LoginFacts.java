package dev.portcullis.keycloak.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What a login decision is asked about: who logs in ({@code subject}, Keycloak's username), their
 * group paths and realm roles ({@link UserFacts}), the client, and the keys Keycloak holds for them;
 * and Keycloak's immutable id of the account with when it was made ({@link Account}).
 */
public record LoginFacts(String subject, List<String> groups, List<String> roles, String client,
        List<String> enrolledMethods, @JsonIgnore String subjectId, @JsonIgnore Long subjectCreated,
        @JsonIgnore String subjectRealm) {

    /** A security key registered as a second factor: what the flow's key step checks. */
    public static final String WEBAUTHN = "webauthn";
    /** Keycloak's credential type of a passkey (a passwordless WebAuthn key). */
    public static final String PASSWORDLESS = "webauthn-passwordless";
    /** How the policy service names a passkey (counted in the console's coverage). */
    public static final String PASSKEY = "passkey";

    public LoginFacts {
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
        enrolledMethods = List.copyOf(enrolledMethods);
    }

    /** Facts about an account known by name only. */
    public LoginFacts(String subject, List<String> groups, List<String> roles, String client,
            List<String> enrolledMethods) {
        this(subject, groups, roles, client, enrolledMethods, null, null, null);
    }

    public static LoginFacts of(RealmModel realm, UserModel user, String client) {
        return new LoginFacts(user.getUsername(), UserFacts.groups(user), UserFacts.roles(realm, user), client,
                enrolledMethods(user), user.getId(), user.getCreatedTimestamp(), realm.getName());
    }

    /** Whom the decision is about (sent as headers, not in the body). */
    public Account account() {
        return new Account(subject, subjectId, subjectCreated, subjectRealm);
    }

    /**
     * The person's keys as Keycloak holds them: {@code webauthn} and {@code passkey}. TOTP lives in the
     * policy service, which knows it.
     */
    static List<String> enrolledMethods(UserModel user) {
        List<String> methods = new ArrayList<>(2);
        if (has(user, WEBAUTHN)) {
            methods.add(WEBAUTHN);
        }
        if (has(user, PASSWORDLESS)) {
            methods.add(PASSKEY);
        }
        return methods;
    }

    private static boolean has(UserModel user, String credentialType) {
        return user.credentialManager().getStoredCredentialsByTypeStream(credentialType).findAny().isPresent();
    }
}
