package dev.portcullis.policy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.problem.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventIntakeTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final IncomingEvent GOOD = new IncomingEvent(T, "LOGIN", "Alice", "success", "192.0.2.1", Map.of());

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of(new IncomingEvent(null, "LOGIN", "a", "success", null, null), "[1].time"),
                Arguments.of(new IncomingEvent(T, null, "a", "success", null, null), "[1].type"),
                Arguments.of(new IncomingEvent(T, "has space", "a", "success", null, null), "[1].type"),
                Arguments.of(new IncomingEvent(T, "LOGIN", "a", "ok", null, null), "[1].outcome"),
                Arguments.of(new IncomingEvent(T, "LOGIN", "a".repeat(300), "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(T, "LOGIN", "a", "success", "1".repeat(65), null), "[1].ip"),
                Arguments.of(new IncomingEvent(T, "LOGIN", "a", "success", null, Map.of("x", "y".repeat(5000))),
                        "[1].details"),
                Arguments.of(null, "[1]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badEvents")
    void theFirstBadEventRejectsTheBatchAndIsNamed(IncomingEvent bad, String field) {
        List<IncomingEvent> batch = new ArrayList<>();
        batch.add(GOOD);
        batch.add(bad);
        assertThatThrownBy(() -> EventIntake.toRecords(batch, "service:vpn", 10))
                .isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).toProblem().errors().get(0).field()).isEqualTo(field));
    }

    @Test
    void batchesAreCappedAndMustNotBeEmpty() {
        assertThatThrownBy(() -> EventIntake.toRecords(Collections.nCopies(11, GOOD), "service:vpn", 10))
                .hasMessageContaining("at most 10");
        assertThatThrownBy(() -> EventIntake.toRecords(List.of(), "service:vpn", 10))
                .hasMessageContaining("non-empty");
    }

    @Test
    void goodEventsBecomeRecordsOfTheCallingService() {
        var records = EventIntake.toRecords(List.of(GOOD), "service:vpn", 10);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("service:vpn");
            assertThat(r.subject()).isEqualTo("alice");
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(r.time()).isEqualTo(T);
        });
    }

    /** A VPN's events key cannot speak for Portcullis: its "mfa.locked" is the VPN's own event. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "mfa.locked,          vpn:mfa.locked",
        "MFA.Locked,          vpn:MFA.Locked",
        "service.key-rotated, vpn:service.key-rotated",
        "policy.deleted,      vpn:policy.deleted",
        "audit.purged,        vpn:audit.purged",
        "credentials.checked, vpn:credentials.checked",
        "LOGIN_ERROR,         LOGIN_ERROR",
        "mfa,                 mfa",
        "vpn.connected,       vpn.connected",
    })
    void eventsInPortcullissOwnNamespacesAreStoredUnderTheReportingService(String reported, String stored) {
        IncomingEvent event = new IncomingEvent(Instant.parse("2099-01-01T00:00:00Z"), reported, "alice", "success",
                null, Map.of());
        assertThat(EventIntake.toRecords(List.of(event), "service:vpn", 10)).singleElement()
                .satisfies(r -> assertThat(r.type()).isEqualTo(stored));
    }

    @Test
    void aNamespacedTypeThatWouldNotFitIsRefusedAndSaysWhy() {
        IncomingEvent event = new IncomingEvent(T, "mfa." + "x".repeat(56), "alice", "success", null, Map.of());
        assertThatThrownBy(() -> EventIntake.toRecords(List.of(event), "service:vpn-gateway", 10))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("[0].type")
                .hasMessageContaining("under its own name (vpn-gateway:...)");
    }

    @Test
    void anEventDatedWellAfterItArrivedIsFlagged() {
        Instant arrived = Instant.parse("2026-12-01T10:00:00Z");
        IncomingEvent future = new IncomingEvent(Instant.parse("2099-01-01T00:00:00Z"), "LOGIN", "alice", "success",
                null, Map.of("client", "vpn"));
        IncomingEvent skewed = new IncomingEvent(arrived.plusSeconds(120), "LOGIN", "alice", "success", null, null);
        var records = EventIntake.toRecords(List.of(future, skewed), "service:vpn", 10, arrived);
        assertThat(records.get(0).details()).containsEntry("timeInFuture", true).containsEntry("client", "vpn");
        assertThat(records.get(1).details()).isNull();
    }
}
