package dev.portcullis.keycloak.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.keycloak.client.Account;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;

class KeycloakEventsTest {

    @Test
    void aFailedLoginBecomesAFailureWithItsErrorAndOnlyTheDetailsWorthKeeping() {
        Event event = new Event();
        event.setId("5b0e6c1a-4f7e-4b8e-9d1c-2f3a4b5c6d7e");
        event.setTime(1_764_028_800_000L);
        event.setType(EventType.LOGIN_ERROR);
        event.setClientId("account-console");
        event.setUserId("0b4d");
        event.setIpAddress("192.0.2.7");
        event.setError("invalid_user_credentials");
        event.setDetails(Map.of("auth_method", "openid-connect", "username", "alice",
                "password", "should-never-travel", "token", "eyJ.should.never.travel"));

        Map<String, Object> out = KeycloakEvents.of(event, "employees", Account.named("alice"));

        // Keycloak's own event id: the policy service records a copy sent twice only once
        assertThat(out).containsEntry("id", "5b0e6c1a-4f7e-4b8e-9d1c-2f3a4b5c6d7e");
        assertThat(out).containsEntry("time", "2025-11-25T00:00:00Z").containsEntry("type", "LOGIN_ERROR")
                .containsEntry("subject", "alice").containsEntry("outcome", "failure").containsEntry("ip", "192.0.2.7");
        assertThat(out.get("details")).isEqualTo(Map.of("realm", "employees", "client", "account-console",
                "userId", "0b4d", "error", "invalid_user_credentials", "auth_method", "openid-connect"));
        assertThat(out.toString()).doesNotContain("should-never-travel");
    }

    @Test
    void anEventOfAnAccountKeycloakHoldsSaysWhichAccountByItsImmutableId() {
        Event event = new Event();
        event.setTime(1_764_028_800_000L);
        event.setType(EventType.UPDATE_CREDENTIAL);
        event.setUserId("0b4d");
        Map<String, Object> out = KeycloakEvents.of(event, "employees",
                new Account("alice.smith", "0b4d", 1_700_000_000_000L, "employees"));
        // the policy service keys people on the id: a renamed account keeps its state, a new one with an
        // old name gets none of it
        assertThat(out).containsEntry("subject", "alice.smith").containsEntry("subjectId", "0b4d")
                .containsEntry("subjectCreated", "2023-11-14T22:13:20Z");
        assertThat(KeycloakEvents.of(event, "employees", Account.named("alice")))
                .doesNotContainKeys("subjectId", "subjectCreated");
    }

    @Test
    void aLoginWithoutAKnownUserHasNoSubject() {
        Event event = new Event();
        event.setType(EventType.LOGIN);
        assertThat(KeycloakEvents.of(event, "employees", Account.named(null))).doesNotContainKey("subject")
                .containsEntry("outcome", "success");
    }

    @Test
    void anAdminEventNamesTheOperationAndTheAdminButNeverCarriesTheRepresentation() {
        AdminEvent event = new AdminEvent();
        event.setId("admin-event-1");
        event.setTime(1_764_028_800_000L);
        event.setOperationType(OperationType.UPDATE);
        event.setResourceTypeAsString("USER");
        event.setResourcePath("users/0b4d/reset-password");
        event.setRepresentation("{\"type\":\"password\",\"value\":\"New-Secret-Password-1\"}");
        AuthDetails auth = new AuthDetails();
        auth.setIpAddress("198.51.100.2");
        event.setAuthDetails(auth);

        Map<String, Object> out = KeycloakEvents.of(event, "employees", "carol");

        assertThat(out).containsEntry("id", "admin-event-1");
        assertThat(out).containsEntry("type", "ADMIN_UPDATE").containsEntry("ip", "198.51.100.2")
                .doesNotContainKey("subject");
        assertThat(out.get("details")).isEqualTo(Map.of("realm", "employees", "operation", "UPDATE",
                "resourceType", "USER", "resourcePath", "users/0b4d/reset-password", "admin", "carol"));
        assertThat(out.toString()).doesNotContain("New-Secret-Password-1");
    }
}
