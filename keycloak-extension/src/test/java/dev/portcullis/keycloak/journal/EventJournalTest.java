package dev.portcullis.keycloak.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A journal row that is not an event still leaves the journal, counted, instead of blocking it. */
class EventJournalTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"null", "[1,2]", "\"text\"", "{\"type\":", ""})
    void aRowThatIsNotAnEventIsDeliveredAsUnreadable(String body) {
        Map<String, Object> event = EventJournal.parse(body);
        assertThat(event).containsEntry("type", "KEYCLOAK_EVENT_UNREADABLE").containsEntry("outcome", "failure")
                .containsKey("time");
    }

    @org.junit.jupiter.api.Test
    void anEventRoundTrips() {
        Map<String, Object> event = Map.of("id", "e1", "type", "LOGIN", "subject", "erin", "details",
                Map.of("realm", "employees"));
        assertThat(EventJournal.parse(EventJournal.json(event))).isEqualTo(event);
    }
}
