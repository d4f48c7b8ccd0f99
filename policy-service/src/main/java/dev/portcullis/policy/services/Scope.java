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
    EVENTS("events");

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

    public static String known() {
        return Arrays.stream(values()).map(Scope::id).collect(Collectors.joining(", "));
    }
}
