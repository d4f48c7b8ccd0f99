package dev.portcullis.policy.events;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** That the service {@code source} reported the event {@code eventId}: its next report of it is a duplicate. */
@Entity
@Table(name = "event_receipt")
public class EventReceipt {

    @EmbeddedId
    Key key;

    @Column(name = "received_at", nullable = false)
    Instant receivedAt;

    /** The caller's name (as the audit log records it) and the id it gave the event. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "source", nullable = false, length = 128)
        String source;

        @Column(name = "event_id", nullable = false, length = 64)
        String eventId;

        protected Key() {
        }

        Key(String source, String eventId) {
            this.source = source;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && source.equals(key.source) && eventId.equals(key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(source, eventId);
        }
    }
}
