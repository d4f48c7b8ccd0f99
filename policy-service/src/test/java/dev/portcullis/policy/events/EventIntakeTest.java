package dev.portcullis.policy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
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
import org.junit.jupiter.params.provider.ValueSource;

class EventIntakeTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final IncomingEvent GOOD = new IncomingEvent(null, T, "LOGIN", "Alice", "success", "192.0.2.1", Map.of());

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of(new IncomingEvent(null, null, "LOGIN", "a", "success", null, null), "[1].time"),
                Arguments.of(new IncomingEvent(null, T, null, "a", "success", null, null), "[1].type"),
                Arguments.of(new IncomingEvent(null, T, "has space", "a", "success", null, null), "[1].type"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "a", "ok", null, null), "[1].outcome"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "a".repeat(300), "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "a", "success", "1".repeat(65), null), "[1].ip"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "a", "success", null, Map.of("x", "y".repeat(5000))),
                        "[1].details"),
                Arguments.of(null, "[1]"),
                Arguments.of(withId(""), "[1].id"),
                Arguments.of(withId("has space"), "[1].id"),
                Arguments.of(withId("x".repeat(65)), "[1].id"),
                Arguments.of(withId("名前"), "[1].id"),
                Arguments.of(withId("a/b"), "[1].id"),
                Arguments.of(withId("line\nbreak"), "[1].id"),
                // PostgreSQL cannot store a NUL: refused here, never a 500 that the sender retries for ever
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "kim\u0000", "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "\u0000", "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "k\u001bim", "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "k\u007fim", "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "k\u0085im", "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "k\u009fim", "success", null, null), "[1].subject"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "a", "success", "192.0.2.1\u0000", null), "[1].ip"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "a", "success", "192.0.2.1\n", null), "[1].ip"),
                Arguments.of(new IncomingEvent(null, T, "LOGIN", "a", "success", "\u0080", null), "[1].ip"),
                // nor an instant no database stores
                Arguments.of(new IncomingEvent(null, Instant.parse("+294277-01-01T00:00:00Z"), "LOGIN", "a", "success",
                        null, null), "[1].time"),
                Arguments.of(new IncomingEvent(null, Instant.parse("+10000-01-01T00:00:00Z"), "LOGIN", "a", "success",
                        null, null), "[1].time"),
                Arguments.of(new IncomingEvent(null, Instant.parse("-4714-01-01T00:00:00Z"), "LOGIN", "a", "success",
                        null, null), "[1].time"));
    }

    private static IncomingEvent withId(String id) {
        return new IncomingEvent(id, T, "LOGIN", "alice", "success", null, Map.of());
    }

    private static List<AuditRecord> records(List<ReceivedEvent> received) {
        return received.stream().map(ReceivedEvent::record).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "kc-7f3e:LOGIN.2026_11", "0123456789012345678901234567890123456789012345678901234567890123"})
    void anIdIsKeptWithTheEventAndInItsDetails(String id) {
        var received = EventIntake.receive(List.of(withId(id)), "service:vpn", 10);
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.record().details()).containsEntry("eventId", id);
        });
        assertThat(EventIntake.receive(List.of(GOOD), "service:vpn", 10).get(0).id()).isNull();
        assertThat(EventIntake.receive(List.of(GOOD), "service:vpn", 10).get(0).record().details())
                .doesNotContainKey("eventId");
    }

    /** The id goes into the details only when they still fit; the event itself is never refused for it. */
    @Test
    void anIdThatWouldNotFitTheDetailsIsLeftOutOfThem() {
        String filler = "y".repeat(AuditLog.MAX_DETAILS_LENGTH - "{\"x\":\"\"}".length());
        var full = new IncomingEvent("id-1", T, "LOGIN", "alice", "success", null, Map.of("x", filler));
        assertThat(EventIntake.receive(List.of(full), "service:vpn", 10)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("id-1");
            assertThat(r.record().details()).containsOnlyKeys("x");
        });
    }

    @Test
    void laterEventsWithAKnownOrRepeatedIdAreNotFresh() {
        var received = EventIntake.receive(List.of(withId("a"), withId("b"), GOOD, withId("a"), withId("c"), GOOD,
                withId("c")), "service:vpn", 10);
        var fresh = EventIntake.fresh(received, List.of("b"));
        assertThat(fresh).containsExactly(received.get(0), received.get(2), received.get(4), received.get(5));
        assertThat(EventIntake.fresh(received, List.of())).hasSize(5);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badEvents")
    void theFirstBadEventRejectsTheBatchAndIsNamed(IncomingEvent bad, String field) {
        List<IncomingEvent> batch = new ArrayList<>();
        batch.add(GOOD);
        batch.add(bad);
        assertThatThrownBy(() -> EventIntake.receive(batch, "service:vpn", 10))
                .isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).toProblem().errors().get(0).field()).isEqualTo(field));
    }

    @Test
    void batchesAreCappedAndMustNotBeEmpty() {
        assertThatThrownBy(() -> EventIntake.receive(Collections.nCopies(11, GOOD), "service:vpn", 10))
                .hasMessageContaining("at most 10");
        assertThatThrownBy(() -> EventIntake.receive(List.of(), "service:vpn", 10))
                .hasMessageContaining("non-empty");
    }

    @Test
    void goodEventsBecomeRecordsOfTheCallingService() {
        var records = records(EventIntake.receive(List.of(GOOD), "service:vpn", 10));
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
        "admin.bootstrap-token.used, vpn:admin.bootstrap-token.used",
        "ADMIN_UPDATE,        ADMIN_UPDATE",
        "LOGIN_ERROR,         LOGIN_ERROR",
        "mfa,                 mfa",
        "vpn.connected,       vpn.connected",
    })
    void eventsInPortcullissOwnNamespacesAreStoredUnderTheReportingService(String reported, String stored) {
        IncomingEvent event = new IncomingEvent(null, Instant.parse("2099-01-01T00:00:00Z"), reported, "alice", "success",
                null, Map.of());
        assertThat(records(EventIntake.receive(List.of(event), "service:vpn", 10))).singleElement()
                .satisfies(r -> assertThat(r.type()).isEqualTo(stored));
    }

    @Test
    void aNamespacedTypeThatWouldNotFitIsRefusedAndSaysWhy() {
        IncomingEvent event = new IncomingEvent(null, T, "mfa." + "x".repeat(56), "alice", "success", null, Map.of());
        assertThatThrownBy(() -> EventIntake.receive(List.of(event), "service:vpn-gateway", 10))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("[0].type")
                .hasMessageContaining("under its own name (vpn-gateway:...)");
    }

    @Test
    void anEventDatedWellAfterItArrivedIsFlagged() {
        Instant arrived = Instant.parse("2026-12-01T10:00:00Z");
        IncomingEvent future = new IncomingEvent(null, Instant.parse("2099-01-01T00:00:00Z"), "LOGIN", "alice", "success",
                null, Map.of("client", "vpn"));
        IncomingEvent skewed = new IncomingEvent(null, arrived.plusSeconds(120), "LOGIN", "alice", "success", null, null);
        var records = records(EventIntake.receive(List.of(future, skewed), "service:vpn", 10, arrived));
        assertThat(records.get(0).details()).containsEntry("timeInFuture", true).containsEntry("client", "vpn");
        assertThat(records.get(1).details()).isNull();
    }
}
