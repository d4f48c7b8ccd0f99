package dev.portcullis.policy.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A notification as the identity provider claims it to send: to whom ({@code subject}, in
 * {@code realm} when known), what happened ({@code kind} and {@code details}), when and from where.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String id, String subject, String realm, String kind, Map<String, Object> details,
        Instant occurredAt, String ip) {
}
