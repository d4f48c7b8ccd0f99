package dev.portcullis.policy.export;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.subjects.SubjectRegistry;
import java.time.Instant;

/**
 * Which events to export; null fields do not filter. {@code from} and {@code to} apply to when
 * Portcullis recorded the event ({@code recordingTime}, the default: no sender can choose it), or to
 * the time the event says it happened ({@link #byEventTime()}, the export API's {@code by=event}).
 */
public record ExportFilter(Instant from, Instant to, String subject, String type, String outcome,
        boolean recordingTime) {

    /** The query parameter {@code by}: its values, the default first. */
    public static final String BY_RECORDED = "recorded";
    public static final String BY_EVENT = "event";

    public ExportFilter(Instant from, Instant to, String subject, String type, String outcome) {
        this(from, to, subject, type, outcome, true);
    }

    public ExportFilter byEventTime() {
        return new ExportFilter(from, to, subject, type, outcome, false);
    }

    /**
     * Whether {@code from} and {@code to} go by recording time, from the query parameter {@code by}:
     * {@code recorded} (or absent) or {@code event}; anything else is a 400 naming the field.
     */
    public static boolean recordingTime(String by) {
        if (blank(by) || BY_RECORDED.equals(by.trim())) {
            return true;
        }
        if (BY_EVENT.equals(by.trim())) {
            return false;
        }
        throw ApiProblem.invalidField("by", "must be '" + BY_RECORDED + "' (the default: when Portcullis recorded"
                + " the event) or '" + BY_EVENT + "' (the time the event gives)");
    }

    /**
     * From query parameters as typed: blank means no filter, the subject is normalised as everywhere,
     * and an outcome other than success or failure is a 400 naming the field.
     */
    public static ExportFilter of(Instant from, Instant to, String subject, String type, String outcome) {
        return new ExportFilter(from, to,
                blank(subject) ? null : SubjectRegistry.parse("subject", subject),
                blank(type) ? null : type.trim(),
                outcome(outcome));
    }

    private static String outcome(String value) {
        if (blank(value)) {
            return null;
        }
        if (!"success".equals(value) && !"failure".equals(value)) {
            throw ApiProblem.invalidField("outcome", "must be 'success' or 'failure'");
        }
        return value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
