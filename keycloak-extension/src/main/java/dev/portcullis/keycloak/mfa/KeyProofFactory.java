package dev.portcullis.keycloak.mfa;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Registers {@link KeyProof}. The realm must have it enabled, with a priority after
 * {@code webauthn-register}: the MFA step registers no key in a realm without it.
 */
public class KeyProofFactory implements RequiredActionFactory {

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return KeyProof.INSTANCE;
    }

    @Override
    public String getId() {
        return KeyProof.ID;
    }

    @Override
    public String getDisplayText() {
        return "Portcullis: prove a newly registered security key";
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
