package dev.portcullis.keycloak.events;

import dev.portcullis.keycloak.client.PolicyServiceConnection;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * {@code portcullis-events}: forwards login and admin events to the policy service's audit log.
 * Enable it per realm (Realm settings, Events, Event listeners). Events go through the node's
 * {@link PolicyServiceConnection}, whose one queue also carries the password form's notices; the key
 * needs scope {@code events}. The same factory runs the node's {@link NoticeMailer}, which emails the
 * people of those realms about changes to their accounts (the key needs scope {@code enrol} for that).
 */
public class PortcullisEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "portcullis-events";

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new PortcullisEventListener(session, PolicyServiceConnection.of(session));
    }

    private NoticeMailer mailer;

    /** Starts the node's mailer of notifications ({@link NoticeMailer}). */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        mailer = new NoticeMailer(factory);
        mailer.start();
    }

    @Override
    public void close() {
        if (mailer != null) {
            mailer.stop();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
