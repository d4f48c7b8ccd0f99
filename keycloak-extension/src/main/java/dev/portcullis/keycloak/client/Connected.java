package dev.portcullis.keycloak.client;

import dev.portcullis.keycloak.journal.Backlog;
import dev.portcullis.keycloak.journal.EventJournal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/** A configured connection: one client, and from the node's start one event forwarder, for the node's lifetime. */
final class Connected implements PolicyServiceConnection {

    private static final Logger LOG = Logger.getLogger(Connected.class);

    private final PolicyServiceClient client;
    private volatile EventForwarder forwarder;

    Connected(PolicyServiceSettings settings) {
        this.client = new PolicyServiceClient(settings);
    }

    /** Once Keycloak's database is there: delivers the journal, this node's and any other's. */
    void start(KeycloakSessionFactory sessions) {
        start(new EventJournal(sessions));
    }

    void start(Backlog backlog) {
        forwarder = new EventForwarder(client::sendEvents, backlog, client.settings().eventsJournalMax());
    }

    @Override
    public PolicyServiceClient client() {
        return client;
    }

    @Override
    public void forward(KeycloakSession session, List<Map<String, Object>> events) {
        if (!session.getTransactionManager().isActive()) {
            forwardNow(session, events);
            return;
        }
        journal(events, fitted -> {
            EventJournal.append(session, fitted);
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    nudge();
                }

                @Override
                protected void rollbackImpl() {
                }
            });
        });
    }

    @Override
    public void forwardNow(KeycloakSession session, List<Map<String, Object>> events) {
        journal(events, fitted -> {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    own -> EventJournal.append(own, fitted));
            nudge();
        });
    }

    /**
     * Writes the admitted events with {@code write}; one that fails is counted in the audit log, since
     * Keycloak would swallow the failure and go on.
     */
    private void journal(List<Map<String, Object>> events, Consumer<List<Map<String, Object>>> write) {
        List<Map<String, Object>> fitted = admitted(events);
        if (fitted.isEmpty()) {
            return;
        }
        try {
            write.accept(fitted);
        } catch (RuntimeException e) {
            lost(fitted.size(), e);
        }
    }

    /** The events fitted to the API's limits; none, and counted, when the journal is full. */
    private List<Map<String, Object>> admitted(List<Map<String, Object>> events) {
        EventForwarder current = forwarder;
        if (current != null && current.full()) {
            current.dropped(events.size());
            LOG.warnf("The event journal is full (%s); %d events are dropped and counted in the audit log",
                    PolicyServiceSettings.EVENTS_JOURNAL_MAX, events.size());
            return List.of();
        }
        return events.stream().map(EventBounds::fit).toList();
    }

    private void lost(int events, RuntimeException cause) {
        LOG.errorf(cause, "%d events could not be journaled; they are counted in the audit log", events);
        EventForwarder current = forwarder;
        if (current != null) {
            current.dropped(events);
        }
    }

    private void nudge() {
        EventForwarder current = forwarder;
        if (current != null) {
            current.nudge();
        }
    }

    @Override
    public FailureMode passwordFailureMode() {
        return client.settings().passwordFailureMode();
    }

    @Override
    public boolean configured() {
        return true;
    }

    EventForwarder forwarder() {
        return forwarder;
    }

    /** At the node's shutdown: what this node holds goes back to the journal, for any node. */
    void shutDown() {
        if (forwarder != null) {
            forwarder.close();
        }
    }
}
