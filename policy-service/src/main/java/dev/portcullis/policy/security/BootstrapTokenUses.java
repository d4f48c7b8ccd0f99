package dev.portcullis.policy.security;

import java.util.Optional;

/**
 * What authentication asks whenever the bootstrap admin token is presented: the {@code bootstrap}
 * capability implements it over the database and the audit log; security knows only this, so that it
 * depends on nothing but configuration, crypto and problems. Both methods block (a transaction each),
 * and neither is ever given the token.
 */
public interface BootstrapTokenUses {

    /**
     * Records this use of the bootstrap token (audited, with the request's method and path) unless an
     * OIDC admin switched the token off; then records the refusal and answers why, for the 401.
     */
    Optional<String> admit(Caller caller, String method, String path);

    /** Records a refusal decided without the database ({@code reason}: {@code expired}). */
    void refused(Caller caller, String method, String path, String reason);
}
