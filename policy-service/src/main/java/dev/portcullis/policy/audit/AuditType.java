package dev.portcullis.policy.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of events Portcullis itself records, each with its severity. Services report events
 * of their own through the events API (Keycloak's {@code LOGIN}, {@code LOGIN_ERROR}...); those are
 * not in the catalogue and are rated by their outcome alone ({@link AuditSeverity}).
 */
public enum AuditType {
    MFA_TOTP_ENROLMENT_STARTED("mfa.totp.enrolment-started", AuditSeverity.INFO),
    MFA_TOTP_ENROLMENT_CONFIRMED("mfa.totp.enrolment-confirmed", AuditSeverity.CHANGE),
    MFA_TOTP_VERIFIED("mfa.totp.verified", AuditSeverity.INFO),
    MFA_RECOVERY_CODE_USED("mfa.recovery-code.used", AuditSeverity.CHANGE),
    MFA_TOTP_RESET("mfa.totp.reset", AuditSeverity.CHANGE),
    MFA_LOCKED("mfa.locked", AuditSeverity.ALERT),
    /** A security key or passkey the subject had is gone: no grace until they prove a factor again. */
    MFA_FACTOR_REMOVED("mfa.factor.removed", AuditSeverity.CHANGE),
    MFA_UNLOCKED("mfa.unlocked", AuditSeverity.CHANGE),
    /** A policy admin issued an access pass, which binds a new factor in place of a second factor. */
    MFA_PASS_ISSUED("mfa.pass.issued", AuditSeverity.CHANGE),
    /** An access pass was entered at sign-in (a failure: a wrong, used, expired or revoked one). */
    MFA_PASS_USED("mfa.pass.used", AuditSeverity.CHANGE),
    MFA_PASS_REVOKED("mfa.pass.revoked", AuditSeverity.CHANGE),
    /** An access pass ran out of time without being used up or revoked. */
    MFA_PASS_EXPIRED("mfa.pass.expired", AuditSeverity.INFO),
    /** A policy admin asked to reset a protected person's factor or issue them a pass: a second must approve. */
    MFA_APPROVAL_REQUESTED("mfa.approval.requested", AuditSeverity.CHANGE),
    MFA_APPROVAL_APPROVED("mfa.approval.approved", AuditSeverity.CHANGE),
    MFA_APPROVAL_REJECTED("mfa.approval.rejected", AuditSeverity.CHANGE),
    MFA_APPROVAL_EXPIRED("mfa.approval.expired", AuditSeverity.INFO),
    /** The identity provider sent a person the notification of a change to their account. */
    MFA_NOTIFICATION_SENT("mfa.notification.sent", AuditSeverity.INFO),
    /** A notification could not be sent (no address, mail server refused): the person was not told. */
    MFA_NOTIFICATION_FAILED("mfa.notification.failed", AuditSeverity.FAILURE),
    /** The identity provider reported a person under a new login name: their state stays theirs. */
    SUBJECT_RENAMED("subject.renamed", AuditSeverity.CHANGE),
    /**
     * Another account (another immutable id) now has the person's former login name: the name leaves
     * them, and their factors, codes and passes do not go with it.
     */
    SUBJECT_NAME_RELEASED("subject.name-released", AuditSeverity.CHANGE),
    /**
     * An account of one realm came with the login name of another realm's person: the name stays theirs,
     * and the newcomer gets none here (services cannot reach them by it). One policy service should serve
     * realms whose names do not overlap.
     */
    SUBJECT_NAME_CLASH("subject.name-clash", AuditSeverity.ALERT),
    /** A person stored before people were known by their immutable id was matched to one. */
    SUBJECT_IDENTIFIED("subject.identified", AuditSeverity.INFO),
    POLICY_CREATED("policy.created", AuditSeverity.CHANGE),
    POLICY_UPDATED("policy.updated", AuditSeverity.CHANGE),
    POLICY_DELETED("policy.deleted", AuditSeverity.CHANGE),
    SERVICE_CREATED("service.created", AuditSeverity.CHANGE),
    SERVICE_KEY_ROTATED("service.key-rotated", AuditSeverity.CHANGE),
    SERVICE_DELETED("service.deleted", AuditSeverity.CHANGE),
    /** The client certificates a service's key must come with were set or changed. */
    SERVICE_CERTIFICATE_PINS_CHANGED("service.certificate-pins-changed", AuditSeverity.CHANGE),
    /** A pinned service's key came with another client certificate, or none: likely a stolen key. */
    SERVICE_CERTIFICATE_MISMATCH("service.certificate-mismatch", AuditSeverity.ALERT),
    /** A service asked too often about someone's password or codes: likely guessing. */
    SERVICE_THROTTLED("service.throttled", AuditSeverity.FAILURE),
    /** A service other than the identity provider checked many people's passwords in a short time. */
    CREDENTIALS_SPRAY_SUSPECTED("credentials.spray-suspected", AuditSeverity.ALERT),
    CREDENTIALS_CHECKED("credentials.checked", AuditSeverity.INFO),
    CREDENTIALS_REGISTERED("credentials.registered", AuditSeverity.INFO),
    CREDENTIALS_DELETED("credentials.deleted", AuditSeverity.INFO),
    AUDIT_PURGED("audit.purged", AuditSeverity.CHANGE),
    /**
     * A request authenticated by the bootstrap admin token (details: method, path); a failure when the
     * token was refused, expired or switched off (details: refused).
     */
    ADMIN_BOOTSTRAP_TOKEN_USED("admin.bootstrap-token.used", AuditSeverity.CHANGE),
    /** An OIDC admin switched the bootstrap admin token off for good; a failure when the token itself tried. */
    ADMIN_BOOTSTRAP_TOKEN_DISABLED("admin.bootstrap-token.disabled", AuditSeverity.CHANGE);

    private static final Map<String, AuditType> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuditType::id, Function.identity()));

    private final String id;
    private final AuditSeverity severity;

    AuditType(String id, AuditSeverity severity) {
        this.id = id;
        this.severity = severity;
    }

    /** The type as stored, exported and filtered on. */
    public String id() {
        return id;
    }

    /** How serious a successful event of this type is; a failure is at least {@link AuditSeverity#FAILURE}. */
    public AuditSeverity severity() {
        return severity;
    }

    public static Optional<AuditType> of(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }
}
