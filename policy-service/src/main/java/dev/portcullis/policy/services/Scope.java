package dev.portcullis.policy.services;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a service's API key may do. */
public enum Scope {
    /** Login decisions and TOTP. */
    MFA("mfa"),
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
