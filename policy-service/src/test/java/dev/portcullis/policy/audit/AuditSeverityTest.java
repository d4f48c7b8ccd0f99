package dev.portcullis.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalogue, type by type, and the one severity mapping CEF and syslog both use. */
class AuditSeverityTest {

    /** Every type of the catalogue, as a SIEM sees a success of it: CEF severity, syslog severity. */
    static final Map<AuditType, int[]> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(AuditType.MFA_TOTP_ENROLMENT_STARTED, new int[] {3, 6}),
            Map.entry(AuditType.MFA_TOTP_ENROLMENT_CONFIRMED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_TOTP_VERIFIED, new int[] {3, 6}),
            Map.entry(AuditType.MFA_RECOVERY_CODE_USED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_TOTP_RESET, new int[] {5, 5}),
            Map.entry(AuditType.MFA_LOCKED, new int[] {8, 2}),
            Map.entry(AuditType.MFA_FACTOR_REMOVED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_UNLOCKED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_PASS_ISSUED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_PASS_USED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_PASS_REVOKED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_PASS_EXPIRED, new int[] {3, 6}),
            Map.entry(AuditType.MFA_APPROVAL_REQUESTED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_APPROVAL_APPROVED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_APPROVAL_REJECTED, new int[] {5, 5}),
            Map.entry(AuditType.MFA_APPROVAL_EXPIRED, new int[] {3, 6}),
            Map.entry(AuditType.MFA_NOTIFICATION_SENT, new int[] {3, 6}),
            Map.entry(AuditType.MFA_NOTIFICATION_FAILED, new int[] {6, 4}),
            Map.entry(AuditType.SUBJECT_RENAMED, new int[] {5, 5}),
            Map.entry(AuditType.SUBJECT_NAME_RELEASED, new int[] {5, 5}),
            Map.entry(AuditType.SUBJECT_NAME_CLASH, new int[] {8, 2}),
            Map.entry(AuditType.SUBJECT_IDENTIFIED, new int[] {3, 6}),
            Map.entry(AuditType.POLICY_CREATED, new int[] {5, 5}),
            Map.entry(AuditType.POLICY_UPDATED, new int[] {5, 5}),
            Map.entry(AuditType.POLICY_DELETED, new int[] {5, 5}),
            Map.entry(AuditType.SERVICE_CREATED, new int[] {5, 5}),
            Map.entry(AuditType.SERVICE_KEY_ROTATED, new int[] {5, 5}),
            Map.entry(AuditType.SERVICE_DELETED, new int[] {5, 5}),
            Map.entry(AuditType.SERVICE_CERTIFICATE_PINS_CHANGED, new int[] {5, 5}),
            Map.entry(AuditType.SERVICE_CERTIFICATE_MISMATCH, new int[] {8, 2}),
            Map.entry(AuditType.SERVICE_THROTTLED, new int[] {6, 4}),
            Map.entry(AuditType.CREDENTIALS_SPRAY_SUSPECTED, new int[] {8, 2}),
            Map.entry(AuditType.CREDENTIALS_CHECKED, new int[] {3, 6}),
            Map.entry(AuditType.CREDENTIALS_REGISTERED, new int[] {3, 6}),
            Map.entry(AuditType.CREDENTIALS_DELETED, new int[] {3, 6}),
            Map.entry(AuditType.AUDIT_PURGED, new int[] {5, 5}),
            Map.entry(AuditType.ADMIN_BOOTSTRAP_TOKEN_USED, new int[] {5, 5}),
            Map.entry(AuditType.ADMIN_BOOTSTRAP_TOKEN_DISABLED, new int[] {5, 5})));

    @Test
    void everyTypeOfTheCatalogueHasItsSeverityAndAFailureIsNeverRatedLower() {
        assertThat(EXPECTED.keySet()).as("a new type needs its row here").containsExactlyInAnyOrder(AuditType.values());
        for (AuditType type : AuditType.values()) {
            AuditSeverity success = AuditSeverity.of(type.id(), "success");
            assertThat(new int[] {success.cef(), success.syslog()}).as(type.id()).isEqualTo(EXPECTED.get(type));
            AuditSeverity failure = AuditSeverity.of(type.id(), "failure");
            assertThat(failure.cef()).as(type.id()).isGreaterThanOrEqualTo(6).isGreaterThanOrEqualTo(success.cef());
            assertThat(failure.syslog()).as(type.id()).isLessThanOrEqualTo(4).isLessThanOrEqualTo(success.syslog());
            assertThat(AuditType.of(type.id())).contains(type);
        }
        assertThat(Arrays.stream(AuditType.values()).map(AuditType::id).distinct()).hasSize(AuditType.values().length);
    }

    /** "mfa.unlocked" contains "locked": an unlock must not read as a lockout. */
    @ParameterizedTest
    @CsvSource({
        "mfa.unlocked,      success, 5, 5",
        "mfa.locked,        success, 8, 2",
        "LOGIN,             success, 3, 6",
        "LOGIN_ERROR,       failure, 6, 4",
        "vpn:mfa.locked,    success, 3, 6",
        "unlocked.somewhere,success, 3, 6",
    })
    void severityComesFromTheCatalogueNotFromWordsInTheType(String type, String outcome, int cef, int syslog) {
        AuditSeverity severity = AuditSeverity.of(type, outcome);
        assertThat(severity.cef()).isEqualTo(cef);
        assertThat(severity.syslog()).isEqualTo(syslog);
    }
}
