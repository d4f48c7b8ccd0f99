package dev.portcullis.keycloak.journal;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * {@code portcullis-event-journal}: Keycloak creates the journal's table at startup from
 * {@link EventJournalEntities#CHANGELOG}, as it migrates its own schema (and adds the entity to its
 * persistence unit when the distribution is built, {@code kc.sh build} or {@code start-dev}).
 */
public class EventJournalEntitiesFactory implements JpaEntityProviderFactory {

    public static final String ID = "portcullis-event-journal";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new EventJournalEntities();
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

    @Override
    public String getId() {
        return ID;
    }
}
