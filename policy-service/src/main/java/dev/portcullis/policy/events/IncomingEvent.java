package dev.portcullis.policy.events;

import java.time.Instant;
import java.util.Map;

/** One event reported by a service to {@code POST /api/v1/events}. */
public record IncomingEvent(Instant time, String type, String subject, String outcome, String ip,
        Map<String, Object> details) {
}
