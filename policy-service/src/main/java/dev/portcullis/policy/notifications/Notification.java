package dev.portcullis.policy.notifications;

import dev.portcullis.policy.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message to a person about their account, waiting for the identity provider to send it. */
@Entity
@Table(name = "notification")
public class Notification {

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    @Id
    @Column(name = "id", length = 36)
    String id;

    @Column(name = "subject", nullable = false)
    String subject;

    /** The realm the event came from, when an identity provider reported it. */
    @Column(name = "realm")
    String realm;

    @Column(name = "kind", length = 32, nullable = false)
    String kind;

    /** What the message says, as JSON: never a secret, a code or a pass. */
    @Column(name = "details", length = 2000, nullable = false)
    String details;

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    @Column(name = "ip", length = 64)
    String ip;

    @Column(name = "status", length = 16, nullable = false)
    String status;

    @Column(name = "claim", length = 36)
    String claim;

    @Column(name = "claimed_until")
    Instant claimedUntil;

    @Column(name = "attempts", nullable = false)
    int attempts;

    @Column(name = "done_at")
    Instant doneAt;

    NotificationView view() {
        return new NotificationView(id, subject, realm, kind, JsonColumn.read(details), occurredAt, ip);
    }
}
