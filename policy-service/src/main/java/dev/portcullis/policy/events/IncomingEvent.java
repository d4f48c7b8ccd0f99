package dev.portcullis.policy.events;

import java.time.Instant;
import java.util.Map;

/**
 * One event reported by a service to {@code POST /api/v1/events}. {@code id} is optional: the sender's
 * name for the event, 1-64 characters of {@code [A-Za-z0-9._:-]}; an event whose id the same service
 * sent before is a duplicate and is dropped. The identity provider says whom an event is about by
 * {@code subjectId} (its immutable user id) and {@code subjectCreated} (when it made the account), besides
 * the login name in {@code subject}; another service's are ignored.
 */
public record IncomingEvent(String id, Instant time, String type, String subject, String outcome, String ip,
        Map<String, Object> details, String subjectId, Instant subjectCreated) {

    public IncomingEvent(String id, Instant time, String type, String subject, String outcome, String ip,
            Map<String, Object> details) {
        this(id, time, type, subject, outcome, ip, details, null, null);
    }
}
