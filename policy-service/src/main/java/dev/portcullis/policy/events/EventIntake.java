package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditChain;
import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.subjects.Subjects;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a batch of reported events and turns them into audit records. Pure: the first invalid
 * event rejects the whole batch, with its index named, before anything is stored. An event's optional
 * {@code id} is kept in its details as {@code eventId} when that still fits the details' limit, and
 * tells duplicates apart ({@link #fresh}). A service cannot
 * speak for Portcullis: an event whose type lies in one of Portcullis's own namespaces
 * ({@code mfa.}, {@code service.}, {@code policy.}, {@code audit.}, {@code credentials.}, {@code admin.}) is stored
 * under the reporting service's name ({@code vpn:mfa.locked}), so that it is never counted or
 * filtered as Portcullis's own.
 */
public final class EventIntake {

    static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** The detail that carries the sender's id of the event. */
    static final String EVENT_ID = "eventId";
    static final int MAX_IP_LENGTH = 64;
    static final int MAX_TYPE_LENGTH = 64;
    static final List<String> RESERVED = List.of("mfa.", "service.", "policy.", "audit.", "credentials.", "admin.");
    /**
     * The times an event may give: the years of four digits. PostgreSQL cannot store an instant past the
     * year 294276, and an event it cannot store would be sent again for ever.
     */
    static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");
    static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59.999Z");

    private EventIntake() {
    }

    /** How far ahead of the recording time an event's own time may be before it is flagged. */
    static final java.time.Duration FUTURE_SLACK = java.time.Duration.ofMinutes(5);

    public static List<ReceivedEvent> receive(List<IncomingEvent> events, String actor, int maxBatch) {
        return receive(events, actor, maxBatch, java.time.Instant.now());
    }

    public static List<ReceivedEvent> receive(List<IncomingEvent> events, String actor, int maxBatch,
            java.time.Instant now) {
        if (events == null || events.isEmpty()) {
            throw ApiProblem.badRequest("The body must be a non-empty JSON array of events.");
        }
        if (events.size() > maxBatch) {
            throw ApiProblem.badRequest("A batch holds at most " + maxBatch + " events; this one has "
                    + events.size() + ". Split it.");
        }
        List<ReceivedEvent> received = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            received.add(receive(events.get(i), i, actor, now));
        }
        return received;
    }

    /**
     * The events to record: those without an id, and those whose id is neither in {@code known} (the
     * ids this sender reported before) nor taken by an earlier event of the batch.
     */
    public static List<ReceivedEvent> fresh(List<ReceivedEvent> received, Collection<String> known) {
        Set<String> taken = new HashSet<>(known);
        return received.stream().filter(event -> event.id() == null || taken.add(event.id())).toList();
    }

    private static ReceivedEvent receive(IncomingEvent event, int index, String actor, java.time.Instant now) {
        String at = "[" + index + "]";
        if (event == null) {
            throw ApiProblem.invalidField(at, "must be an event object");
        }
        if (event.id() != null && !ID.matcher(event.id()).matches()) {
            throw ApiProblem.invalidField(at + ".id", "must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        if (event.time() == null) {
            throw ApiProblem.invalidField(at + ".time", "is required (an ISO-8601 instant)");
        }
        if (event.time().isBefore(EARLIEST) || event.time().isAfter(LATEST)) {
            throw ApiProblem.invalidField(at + ".time", "must lie in the years 0001 to 9999");
        }
        if (event.type() == null || !TYPE.matcher(event.type()).matches()) {
            throw ApiProblem.invalidField(at + ".type", "must be 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
        Outcome outcome = outcome(event.outcome(), at);
        String subject = event.subject() == null || event.subject().isBlank() ? null : Subjects.normalise(event.subject());
        if (subject != null && subject.length() > Subjects.MAX_LENGTH) {
            throw ApiProblem.invalidField(at + ".subject", "is longer than " + Subjects.MAX_LENGTH + " characters");
        }
        // stored as they are: an event PostgreSQL cannot store (a NUL) would be sent again for ever; the
        // details need no such check (JSON writes U+0000-U+001F as escapes)
        SubjectRegistry.refuseControls(at + ".subject", subject);
        if (event.ip() != null && event.ip().length() > MAX_IP_LENGTH) {
            throw ApiProblem.invalidField(at + ".ip", "is longer than " + MAX_IP_LENGTH + " characters");
        }
        SubjectRegistry.refuseControls(at + ".ip", event.ip());
        java.util.Map<String, Object> details = flagged(event, now);
        if (AuditChain.canonicalDetails(details).length() > AuditLog.MAX_DETAILS_LENGTH) {
            throw ApiProblem.invalidField(at + ".details", "is larger than " + AuditLog.MAX_DETAILS_LENGTH
                    + " characters of JSON");
        }
        if (event.subjectId() != null) {
            SubjectRegistry.bounded(at + ".subjectId", event.subjectId());
        }
        return new ReceivedEvent(event.id(), new AuditRecord(event.time(), actor, type(event.type(), actor, at), subject,
                outcome, event.ip(), withId(details, event.id())), event.subjectId(), event.subjectCreated());
    }

    /** The details with the sender's id as {@code eventId}, unless that would not fit: then as they are. */
    static Map<String, Object> withId(Map<String, Object> details, String id) {
        return id == null ? details : withDetail(details, EVENT_ID, id);
    }

    /** The details with one more, unless that would not fit the details' limit: then as they are. */
    static Map<String, Object> withDetail(Map<String, Object> details, String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>();
        if (details != null) {
            more.putAll(details);
        }
        more.put(name, value);
        return AuditChain.canonicalDetails(more).length() > AuditLog.MAX_DETAILS_LENGTH ? details : more;
    }

    /**
     * An event dated more than a few minutes after it arrived says so in its details
     * ({@code "timeInFuture": true}): a clock that is off, or a sender trying to keep an event in
     * "the last 24 hours" for good. Time-based figures use the recording time anyway.
     */
    static java.util.Map<String, Object> flagged(IncomingEvent event, java.time.Instant now) {
        if (!event.time().isAfter(now.plus(FUTURE_SLACK))) {
            return event.details();
        }
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (event.details() != null) {
            details.putAll(event.details());
        }
        details.put("timeInFuture", true);
        return details;
    }

    /** The type as stored: a type in Portcullis's own namespaces goes under the reporting service's name. */
    static String type(String reported, String actor, String at) {
        String lower = reported.toLowerCase(java.util.Locale.ROOT);
        if (RESERVED.stream().noneMatch(lower::startsWith)) {
            return reported;
        }
        String service = actor.startsWith("service:") ? actor.substring("service:".length()) : actor;
        String namespaced = service + ":" + reported;
        if (namespaced.length() > MAX_TYPE_LENGTH) {
            throw ApiProblem.invalidField(at + ".type", "is one of Portcullis's own types, which a service reports"
                    + " under its own name (" + service + ":...), and that is longer than " + MAX_TYPE_LENGTH
                    + " characters");
        }
        return namespaced;
    }

    private static Outcome outcome(String value, String at) {
        if ("success".equals(value)) {
            return Outcome.SUCCESS;
        }
        if ("failure".equals(value)) {
            return Outcome.FAILURE;
        }
        throw ApiProblem.invalidField(at + ".outcome", "must be 'success' or 'failure'");
    }
}
