package dev.portcullis.keycloak.events;

import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceSettings;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code portcullis-events}: forwards login and admin events to the policy service's audit log.
 * Enable it per realm (Realm settings, Events, Event listeners). Options as for every Portcullis
 * provider ({@code --spi-events-listener--portcullis-events--url}, or {@code PORTCULLIS_URL} and
 * {@code PORTCULLIS_API_KEY}); the key needs scope {@code events}.
 */
public class PortcullisEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "portcullis-events";
    static final int CAPACITY = 10_000;

    private static final Logger LOG = Logger.getLogger(PortcullisEventListenerFactory.class);

    private EventForwarder forwarder;

    @Override
    public void init(Config.Scope config) {
        PolicyServiceSettings.forProvider(ID, config, "events are not forwarded").ifPresent(settings -> {
            forwarder = new EventForwarder(new PolicyServiceClient(settings)::sendEvents, CAPACITY);
            LOG.infof("Forwarding events to the policy service at %s", settings.url());
        });
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return forwarder == null ? NoForwarding.INSTANCE : new PortcullisEventListener(session, forwarder);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return PolicyServiceSettings.metadata();
    }

    /** When unconfigured: Keycloak runs on, and the log said why once at startup. */
    private enum NoForwarding implements EventListenerProvider {
        INSTANCE;

        @Override
        public void onEvent(org.keycloak.events.Event event) {
        }

        @Override
        public void onEvent(org.keycloak.events.admin.AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    }
}
