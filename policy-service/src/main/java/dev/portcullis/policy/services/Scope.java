package dev.portcullis.policy.services;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a service's API key may do. */
public enum Scope {
    /** Login decisions, and verifying TOTP and recovery codes. */
    MFA("mfa"),
    /**
     * Starting and confirming a TOTP enrolment. Only for services that check the person's password
     * themselves before they enrol (Keycloak): a key that could enrol for anyone could make an
     * attacker's authenticator the only factor of someone who has none yet.
     */
    ENROL("enrol"),
    /** Credential fingerprints and checks. */
    CREDENTIALS("credentials"),
    /** Audit event writes. */
    EVENTS("events"),
    /**
     * The identity provider, which alone speaks for people: its login decisions record first sightings,
     * groups, roles and keys, and end or restore grace; its events change key state; its password checks
     * name the services that hold a password. Another service's decision is read-only, and its check
     * learns a verdict, not where a password is used. Held by Keycloak's key alone; {@link #ENROL}
     * requires it.
     */
    IDP("idp");

    private final String id;

    Scope(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.id.equals(value)).findFirst();
    }

    /**
     * Why a set of scopes cannot be granted together, if it cannot: {@link #ENROL} without {@link #IDP}
     * would be a key that enrols people's factors while its decisions record nothing.
     */
    public static Optional<String> inconsistency(java.util.Set<Scope> scopes) {
        return scopes.contains(ENROL) && !scopes.contains(IDP)
                ? Optional.of("enrol is for the identity provider alone, whose key also holds idp (for Keycloak:"
                        + " mfa, enrol, idp, credentials, events)")
                : Optional.empty();
    }

    public static String known() {
        return Arrays.stream(values()).map(Scope::id).collect(Collectors.joining(", "));
    }
}
