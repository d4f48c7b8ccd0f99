package dev.portcullis.policy.subjects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Everything the service keeps about one person: first seen, TOTP, lockout and its groups. The key
 * ({@code subject}) never changes once the row exists; the person's name may ({@link #username}).
 */
@Entity
@Table(name = "subject_state")
public class SubjectState extends LockCounters {

    @Id
    @Column(name = "subject")
    public String subject;

    /**
     * The identity provider's immutable user id; null on a row from before people were known by it,
     * until the identity provider next names the person.
     */
    @Column(name = "keycloak_id")
    public String keycloakId;

    /**
     * The person's current login name, as the identity provider spells it: what services and admins look
     * them up by. Null once a newer account took the name, until this person is seen again.
     */
    @Column(name = "username")
    public String username;

    /** When a newer account took the person's name (null: it never did, or they have a name again). */
    @Column(name = "username_released_at")
    public Instant usernameReleasedAt;

    /** The identity provider's realm of the account; null on a row from before people were known by id. */
    @Column(name = "realm")
    public String realm;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    /** AES-256-GCM sealed, never plaintext. */
    @Column(name = "totp_secret")
    public String totpSecret;

    @Column(name = "totp_key_id", length = 16)
    public String totpKeyId;

    @Column(name = "totp_enrolled_at")
    public Instant totpEnrolledAt;

    /** The last accepted RFC 6238 time step: only later steps are accepted. */
    @Column(name = "totp_last_step")
    public Long totpLastStep;

    @Column(name = "pending_secret")
    public String pendingSecret;

    @Column(name = "pending_key_id", length = 16)
    public String pendingKeyId;

    @Column(name = "pending_expires_at")
    public Instant pendingExpiresAt;

    /**
     * When a security key or passkey of the subject was found removed; cleared once they prove an
     * accepted factor again. Until then no grace period applies to them.
     */
    @Column(name = "factor_removed_at")
    public Instant factorRemovedAt;

    /**
     * When the subject first had a second factor (null: never). The password alone binds only a
     * first factor: once bound, losing every factor (an admin reset, a removed key) leaves binding the
     * next to an access pass.
     */
    @Column(name = "bound_at")
    public Instant boundAt;

    /** Until when an access pass the subject used lets one factor be bound where a pass is demanded. */
    @Column(name = "pass_binding_until")
    public Instant passBindingUntil;

    /**
     * When the subject was first seen under a console role or a policy that binds only with a pass:
     * four eyes stay on for them from then on, whatever a later decision reports.
     */
    @Column(name = "protected_at")
    public Instant protectedAt;

    /** {@link SubjectFacts} as JSON, from the latest login decision; null before the first. */
    @Column(name = "facts", length = 8000)
    public String facts;

    /** A subject first seen {@code now}: a new row, stored only if the caller persists it. */
    public static SubjectState unknown(String subject, Instant now) {
        SubjectState state = new SubjectState();
        state.subject = subject;
        state.username = subject;
        state.firstSeenAt = now;
        return state;
    }

    public boolean totpEnrolled() {
        return totpSecret != null;
    }

    /**
     * The person's login name now: {@link #username}, or their key when a replica of an earlier release
     * stored them (neither name nor id, and no name released); null when nobody calls them so now.
     */
    public String nameNow() {
        if (username != null) {
            return username;
        }
        return keycloakId == null && usernameReleasedAt == null ? subject : null;
    }

    /** The subject had a second factor at some time (one may have been removed since). */
    public boolean boundBefore() {
        return boundAt != null || factorRemovedAt != null;
    }

    public boolean passBindingAt(Instant now) {
        return passBindingUntil != null && passBindingUntil.isAfter(now);
    }

    public boolean pendingAt(Instant now) {
        return pendingSecret != null && pendingExpiresAt != null && pendingExpiresAt.isAfter(now);
    }
}
