package dev.portcullis.policy.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A notification as the identity provider claims it to send: to whom ({@code subject}, their key, with
 * {@code userId}, the identity provider's id of their account, and {@code username}, their login name now,
 * in {@code realm} when known), what happened ({@code kind} and {@code details}), when and from where. The
 * identity provider finds the person by id, else by the name they have now: never by the key, which may
 * be another account's name since a rename.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String id, String subject, String realm, String kind, Map<String, Object> details,
        Instant occurredAt, String ip, String username, String userId) {

    public NotificationView(String id, String subject, String realm, String kind, Map<String, Object> details,
            Instant occurredAt, String ip) {
        this(id, subject, realm, kind, details, occurredAt, ip, subject, null);
    }

    /** The same message, to the person named {@code username} now whose account is {@code userId}. */
    NotificationView to(String username, String userId) {
        return new NotificationView(id, subject, realm, kind, details, occurredAt, ip, username, userId);
    }
}
