package dev.portcullis.keycloak.journal;

import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Declares the journal's table to Keycloak: its entity, and the Liquibase changelog that creates it. */
final class EventJournalEntities implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/portcullis-event-journal-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(JournalEntry.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return EventJournalEntitiesFactory.ID;
    }

    @Override
    public void close() {
    }
}
