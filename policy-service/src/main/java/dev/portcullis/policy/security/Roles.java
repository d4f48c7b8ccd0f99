package dev.portcullis.policy.security;

/** Roles of a caller's identity. Service scopes become roles prefixed with {@code scope:}. */
public final class Roles {

    /** May change policies, services and subjects. */
    public static final String ADMIN = "policy-admin";
    /** May read and export, never change. */
    public static final String AUDITOR = "policy-auditor";
    /** Every integrated service (VPN, Git, Keycloak...) calling with its API key. */
    public static final String SERVICE = "service";

    public static final String SCOPE_MFA = "scope:mfa";
    public static final String SCOPE_ENROL = "scope:enrol";
    public static final String SCOPE_CREDENTIALS = "scope:credentials";
    public static final String SCOPE_EVENTS = "scope:events";
    public static final String SCOPE_IDP = "scope:idp";

    private Roles() {
    }

    public static String scope(String scope) {
        return "scope:" + scope;
    }
}
