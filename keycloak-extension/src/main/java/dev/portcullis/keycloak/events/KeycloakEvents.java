package dev.portcullis.keycloak.events;

import dev.portcullis.keycloak.client.Account;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;

/**
 * Keycloak's events in the policy service's event shape {@code {id, time, type, subject, subjectId,
 * subjectCreated, outcome, ip, details}}, with Keycloak's own event id, by which the policy service drops a copy delivered twice. Only names and identifiers travel: never a representation, a credential or a token.
 */
final class KeycloakEvents {

    /** Event details worth keeping; anything else Keycloak adds stays behind. */
    static final Set<String> KEPT_DETAILS = Set.of("auth_method", "auth_type", "redirect_uri", "code_id",
            "identity_provider", "credential_type", "reason", "response_mode", "grant_type");

    private KeycloakEvents() {
    }

    static Map<String, Object> of(Event event, String realmName, Account account) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("realm", realmName);
        putIfPresent(details, "client", event.getClientId());
        putIfPresent(details, "userId", event.getUserId());
        putIfPresent(details, "sessionId", event.getSessionId());
        putIfPresent(details, "error", event.getError());
        if (event.getDetails() != null) {
            event.getDetails().forEach((key, value) -> {
                if (KEPT_DETAILS.contains(key)) {
                    putIfPresent(details, key, value);
                }
            });
        }
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "id", event.getId());
        out.put("time", Instant.ofEpochMilli(event.getTime()).toString());
        out.put("type", event.getType().name());
        putIfPresent(out, "subject", account.username());
        putIfPresent(out, "subjectId", account.id());
        if (account.created() != null) {
            out.put("subjectCreated", Instant.ofEpochMilli(account.created()).toString());
        }
        out.put("outcome", event.getError() == null ? "success" : "failure");
        putIfPresent(out, "ip", event.getIpAddress());
        out.put("details", details);
        return out;
    }

    static Map<String, Object> of(AdminEvent event, String realmName, String adminName) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("realm", realmName);
        putIfPresent(details, "operation", event.getOperationType() == null ? null : event.getOperationType().name());
        putIfPresent(details, "resourceType", event.getResourceTypeAsString());
        putIfPresent(details, "resourcePath", event.getResourcePath());
        putIfPresent(details, "admin", adminName);
        putIfPresent(details, "error", event.getError());
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "id", event.getId());
        out.put("time", Instant.ofEpochMilli(event.getTime()).toString());
        out.put("type", "ADMIN_" + (event.getOperationType() == null ? "ACTION" : event.getOperationType().name()));
        out.put("outcome", event.getError() == null ? "success" : "failure");
        if (event.getAuthDetails() != null) {
            putIfPresent(out, "ip", event.getAuthDetails().getIpAddress());
        }
        out.put("details", details);
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            map.put(key, value);
        }
    }
}
