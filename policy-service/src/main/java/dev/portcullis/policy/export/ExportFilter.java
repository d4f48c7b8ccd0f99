package dev.portcullis.policy.export;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.subjects.SubjectRegistry;
import java.time.Instant;

/**
 * Which events to export; null fields do not filter. {@code from} and {@code to} apply to the time
 * the event says it happened, or, with {@code recordingTime}, to when Portcullis recorded it (which
 * no sender can choose: the console filters that way).
 */
public record ExportFilter(Instant from, Instant to, String subject, String type, String outcome,
        boolean recordingTime) {

    public ExportFilter(Instant from, Instant to, String subject, String type, String outcome) {
        this(from, to, subject, type, outcome, false);
    }

    public ExportFilter byRecordingTime() {
        return new ExportFilter(from, to, subject, type, outcome, true);
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
