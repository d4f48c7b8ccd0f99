package dev.portcullis.keycloak.events;

import dev.portcullis.keycloak.client.Account;
import dev.portcullis.keycloak.client.PolicyServiceConnection;
import java.util.List;
import java.util.Map;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Journals the events of one Keycloak session ({@link PolicyServiceConnection#forward}) in its
 * transaction: an event is durable in Keycloak's database once the action it records commits, and a
 * rolled-back transaction journals nothing. Keycloak sends an error event in a transaction of its
 * own, committed at once. Nothing here waits on the network.
 */
final class PortcullisEventListener implements EventListenerProvider {

    private final KeycloakSession session;
    private final PolicyServiceConnection policyService;

    PortcullisEventListener(KeycloakSession session, PolicyServiceConnection policyService) {
        this.session = session;
        this.policyService = policyService;
    }

    @Override
    public void onEvent(Event event) {
        if (!policyService.configured()) {
            return; // nowhere to send it: no lookups either
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        String username = event.getDetails() == null ? null : event.getDetails().get("username");
        UserModel user = event.getUserId() == null || realm == null ? null
                : session.users().getUserById(realm, event.getUserId());
        // the account's id goes only with the name it has now: an event of a deleted account goes by name
        add(KeycloakEvents.of(event, realm == null ? event.getRealmId() : realm.getName(),
                user == null ? Account.named(username) : Account.of(realm, user)));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (!policyService.configured()) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        String admin = null;
        if (event.getAuthDetails() != null && event.getAuthDetails().getUserId() != null) {
            RealmModel adminRealm = session.realms().getRealm(event.getAuthDetails().getRealmId());
            UserModel user = adminRealm == null ? null
                    : session.users().getUserById(adminRealm, event.getAuthDetails().getUserId());
            admin = user == null ? event.getAuthDetails().getUserId() : user.getUsername();
        }
        add(KeycloakEvents.of(event, realm == null ? event.getRealmId() : realm.getName(), admin));
    }

    private void add(Map<String, Object> event) {
        policyService.forward(session, List.of(event));
    }

    @Override
    public void close() {
    }
}
