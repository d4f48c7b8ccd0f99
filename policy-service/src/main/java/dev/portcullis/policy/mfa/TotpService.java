package dev.portcullis.policy.mfa;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.notifications.NotificationKind;
import dev.portcullis.policy.notifications.Notifications;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.policies.PolicyStore;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.subjects.LockCounters;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.subjects.SubjectState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.hibernate.Session;

/**
 * The TOTP server: enrolment, confirmation, verification with replay protection and lockout,
 * recovery codes and admin reset. Every outcome is audited without the code or the secret.
 */
@ApplicationScoped
public class TotpService {

    /** How notifications name an authenticator app. */
    static final String APP = "authenticator-app";

    private final Database database;
    private final SubjectRegistry subjects;
    private final SecretBox box;
    private final RecoveryCodes recoveryCodes;
    private final AuditLog audit;
    private final TotpCodes codes = TotpCodes.sixDigits();
    private final Lockout lockout;
    private final PortcullisConfig.Mfa config;
    private final PolicyStore policies;
    private final Notifications notifications;
    private final ServiceLockouts lockouts;

    @Inject
    public TotpService(Database database, SubjectRegistry subjects, SecretBox box, RecoveryCodes recoveryCodes,
            AuditLog audit, PortcullisConfig config, PolicyStore policies, Notifications notifications,
            ServiceLockouts lockouts) {
        this.database = database;
        this.lockouts = lockouts;
        this.policies = policies;
        this.notifications = notifications;
        this.subjects = subjects;
        this.box = box;
        this.recoveryCodes = recoveryCodes;
        this.audit = audit;
        this.config = config.mfa();
        this.lockout = new Lockout(this.config.maxFailures(), this.config.lockout(), this.config.maxLockout());
    }

    /**
     * Starts (or restarts) an enrolment. Refused while a confirmed TOTP exists (an admin resets it
     * first), and where binding a factor takes an access pass ({@link BindingRule}) that the subject
     * has not used within the last minutes: the caller's word that the password was right is not
     * enough there.
     */
    public Enrolment enrol(String subject, Caller caller) {
        subjects.seen(subject);
        return startEnrolment(subject, caller);
    }

    @Transactional
    Enrolment startEnrolment(String subject, Caller caller) {
        Instant now = now();
        SubjectState state = lockRow(subject);
        refuseWhileLocked(state, now);
        if (state.totpEnrolled()) {
            throw ApiProblem.conflict("'" + subject + "' already has a confirmed authenticator. An admin resets it"
                    + " (DELETE /api/v1/admin/subjects/" + subject + "/totp) before a new one can be enrolled.");
        }
        if (bindingNeeded(state) == Binding.PASS && !state.passBindingAt(now)) {
            throw new ApiProblem(403, "Binding a new authenticator for '" + subject + "' takes an access pass:"
                    + " a policy admin issues one (POST /api/v1/admin/subjects/" + subject + "/access-passes),"
                    + " and the person enters it at sign-in.");
        }
        String secret = codes.newSecret();
        state.pendingSecret = box.seal(secret, subject);
        state.pendingKeyId = box.keyId();
        state.pendingExpiresAt = now.plus(config.enrolmentTtl());
        audit.append(AuditRecord.of(caller, AuditType.MFA_TOTP_ENROLMENT_STARTED, subject, Outcome.SUCCESS, Map.of()));
        // the authenticator app shows the person's login name, not the key their row happens to have
        return Enrolment.of(config.issuer(), state.nameNow() == null ? subject : state.nameNow(), secret,
                state.pendingExpiresAt);
    }

    @Transactional(dontRollbackOn = ApiProblem.class)
    public MfaResults.Confirmed confirm(String subject, String code, Caller caller) {
        requireWellFormed(code);
        Instant now = now();
        SubjectState state = lockRow(subject);
        refuseWhileLocked(state, now);
        if (!state.pendingAt(now)) {
            throw ApiProblem.conflict("'" + subject + "' has no pending enrolment (none started, or it expired):"
                    + " start one with POST /api/v1/subjects/" + subject + "/totp/enrolment.");
        }
        String secret = box.open(state.pendingSecret, subject, state.pendingKeyId);
        OptionalLong step = codes.matchingStep(secret, code, now);
        if (step.isEmpty()) {
            int remaining = recordFailure(state, subject, Optional.empty(), now, AuditType.MFA_TOTP_ENROLMENT_CONFIRMED,
                    caller, "wrong-code"); // enrolment is the identity provider's: the person's own lockout
            throw new ApiProblem(422, "The code does not match the new authenticator: check the phone's clock"
                    + " and type the current code. Attempts left before lockout: " + remaining + ".");
        }
        state.totpSecret = state.pendingSecret;
        state.totpKeyId = state.pendingKeyId;
        state.totpEnrolledAt = now;
        state.totpLastStep = step.getAsLong();
        state.pendingSecret = null;
        state.pendingKeyId = null;
        state.pendingExpiresAt = null;
        state.passBindingUntil = null; // a pass binds one factor
        if (state.boundAt == null) {
            state.boundAt = now;
        }
        Lockout.succeeded(state);
        List<String> issued = replaceRecoveryCodes(subject);
        audit.append(AuditRecord.of(caller, AuditType.MFA_TOTP_ENROLMENT_CONFIRMED, subject, Outcome.SUCCESS,
                Map.of("recoveryCodes", issued.size())));
        notifications.queue(subject, caller.personRealm(), NotificationKind.FACTOR_BOUND, Map.of("method", APP),
                caller.personAddress());
        return new MfaResults.Confirmed(issued);
    }

    /**
     * Checks a code. {@code door}: the service asking, unless it is the identity provider: its wrong codes
     * count against its own lockout of the person ({@link ServiceLockouts}), not against theirs.
     */
    @Transactional
    public MfaResults.Verification verify(String subject, String code, Caller caller, Optional<String> door) {
        requireWellFormed(code);
        Instant now = now();
        Session session = database.session();
        SubjectState state = subjects.require(subject);
        refuseWhileLocked(state, now);
        // a service's own counters, locked before its code is compared: its requests for the person queue
        ServiceLockout own = door.map(service -> lockouts.held(subject, service, now)).orElse(null);
        if (!state.totpEnrolled()) {
            throw ApiProblem.conflict("'" + subject + "' has no confirmed authenticator: enrol first.");
        }
        String secret = box.open(state.totpSecret, subject, state.totpKeyId);
        OptionalLong step = codes.matchingStep(secret, code, now);
        if (step.isPresent() && acceptStep(session, subject, step.getAsLong(), now, own == null)) {
            if (own != null) {
                Lockout.succeeded(own); // its own run ends; the person's, which it does not feed, stands
            }
            audit.append(AuditRecord.of(caller, AuditType.MFA_TOTP_VERIFIED, subject, Outcome.SUCCESS, Map.of()));
            return new MfaResults.Verification(true, config.maxFailures());
        }
        String reason = step.isPresent() ? "replayed" : "wrong-code";
        int remaining = recordFailure(counters(state, own), subject, door, now, AuditType.MFA_TOTP_VERIFIED, caller,
                reason);
        return new MfaResults.Verification(false, remaining);
    }

    @Transactional
    public MfaResults.RecoveryVerification verifyRecoveryCode(String subject, String typed, Caller caller,
            Optional<String> door) {
        String code = RecoveryCodes.normalise(typed).orElseThrow(() -> ApiProblem.invalidField("code",
                "must be a recovery code of 12 letters and digits, such as ABCD-EFGH-JKLM"));
        Instant now = now();
        Session session = database.session();
        SubjectState state = subjects.require(subject);
        refuseWhileLocked(state, now);
        ServiceLockout own = door.map(service -> lockouts.held(subject, service, now)).orElse(null);
        int used = session.createMutationQuery("update RecoveryCode r set r.usedAt = :now"
                + " where r.subject = :subject and r.codeHash = :hash and r.usedAt is null")
                .setParameter("now", now).setParameter("subject", subject)
                .setParameter("hash", recoveryCodes.hash(subject, code)).executeUpdate();
        if (used == 1) {
            Lockout.succeeded(counters(state, own));
            long left = recoveryCodesLeft(subject);
            audit.append(AuditRecord.of(caller, AuditType.MFA_RECOVERY_CODE_USED, subject, Outcome.SUCCESS,
                    Map.of("remaining", left)));
            notifications.queue(subject, caller.personRealm(), NotificationKind.RECOVERY_CODE_USED, Map.of("remaining", left),
                    caller.personAddress());
            return new MfaResults.RecoveryVerification(true, left);
        }
        recordFailure(counters(state, own), subject, door, now, AuditType.MFA_RECOVERY_CODE_USED, caller,
                "wrong-code");
        return new MfaResults.RecoveryVerification(false, recoveryCodesLeft(subject));
    }

    @Transactional
    public MfaResults.Status status(String subject) {
        return status(subject, Optional.empty());
    }

    /**
     * The person's state as {@code door} sees it: a service other than the identity provider learns only
     * its own lock of them, not which other services they use.
     */
    @Transactional
    public MfaResults.Status status(String subject, Optional<String> door) {
        Instant now = now();
        SubjectState state = subjects.require(subject);
        return new MfaResults.Status(subject, enrolledMethods(state),
                state.pendingAt(now), recoveryCodesLeft(subject), state.lockedAt(now),
                state.lockedAt(now) ? state.lockedUntil : null,
                lockout.maxFailures() - lockout.remaining(state, now), state.firstSeenAt, state.consecutiveLockouts,
                lockout.durationOf(state.consecutiveLockouts + 1).toMinutes(), state.nameNow(),
                door.isEmpty() ? lockouts.active(subject, now) : door.flatMap(service -> lockouts
                        .lockedUntil(subject, service, now).map(until -> Map.of(service, until))).orElse(Map.of()));
    }

    /**
     * What binding an authenticator app takes for this subject now, under the policies of the groups
     * and roles of their latest login decision (whatever the client, as {@link PolicyResolver#bindings}).
     */
    Binding bindingNeeded(SubjectState state) {
        SubjectFacts facts = SubjectFacts.parse(state.facts);
        Binding policy = PolicyResolver.bindings(policies.current(), facts.groupSet(), facts.roleSet(), true)
                .get(Method.TOTP);
        boolean hasFactor = state.totpEnrolled() || facts.webauthn() || facts.passkey();
        return BindingRule.needed(policy, hasFactor, state.boundBefore());
    }

    /** TOTP as kept here; a security key ({@code webauthn}) or passkey as Keycloak last reported it. */
    static List<String> enrolledMethods(SubjectState state) {
        SubjectFacts facts = SubjectFacts.parse(state.facts);
        List<String> methods = new java.util.ArrayList<>();
        if (state.totpEnrolled()) {
            methods.add("totp");
        }
        if (facts.webauthn()) {
            methods.add("webauthn");
        }
        if (facts.passkey()) {
            methods.add(DecisionService.PASSKEY);
        }
        return List.copyOf(methods);
    }

    /** Admin reset (lost phone): the subject must enrol again. The failure count stands. */
    @Transactional
    public void reset(String subject, Caller caller) {
        SubjectState state = lockRow(subject);
        state.totpSecret = null;
        state.totpKeyId = null;
        state.totpEnrolledAt = null;
        state.totpLastStep = null;
        state.pendingSecret = null;
        state.pendingKeyId = null;
        state.pendingExpiresAt = null;
        database.session().createMutationQuery("delete from RecoveryCode r where r.subject = :subject")
                .setParameter("subject", subject).executeUpdate();
        audit.append(AuditRecord.of(caller, AuditType.MFA_TOTP_RESET, subject, Outcome.SUCCESS, Map.of()));
        notifications.queue(subject, null, NotificationKind.FACTOR_RESET, Map.of("method", APP), null);
    }

    /**
     * Admin unlock: clears the lock and the failure count. The run of lockouts stands: if whoever was
     * guessing goes on, their next lockout is longer still. Only the person's own success ends it.
     */
    @Transactional
    public void unlock(String subject, Caller caller) {
        SubjectState state = lockRow(subject);
        boolean wasLocked = state.lockedAt(now()) || !lockouts.active(subject, now()).isEmpty();
        state.failedAttempts = 0;
        state.lockedUntil = null;
        lockouts.unlockAll(subject);
        audit.append(AuditRecord.of(caller, AuditType.MFA_UNLOCKED, subject, Outcome.SUCCESS, Map.of("wasLocked", wasLocked)));
    }

    /**
     * Replay protection: only a step later than the last accepted one, in one conditional update; the
     * person's own counters start afresh only when their own door ({@code own}) saw the code.
     */
    private static boolean acceptStep(Session session, String subject, long step, Instant now, boolean own) {
        return session.createMutationQuery("update SubjectState s set s.totpLastStep = :step"
                + (own ? ", s.failedAttempts = 0, s.lockedUntil = null, s.consecutiveLockouts = 0" : "")
                + " where s.subject = :subject and (s.totpLastStep is null or s.totpLastStep < :step)"
                + " and (s.lockedUntil is null or s.lockedUntil <= :now)")
                .setParameter("step", step).setParameter("subject", subject).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** The counters a code's outcome goes to: the asking service's own, or the person's (locked for update). */
    private LockCounters counters(SubjectState state, ServiceLockout own) {
        if (own != null) {
            return own;
        }
        database.session().refresh(state, LockModeType.PESSIMISTIC_WRITE);
        return state;
    }

    private int recordFailure(LockCounters counters, String subject, Optional<String> door, Instant now,
            AuditType type, Caller caller, String reason) {
        boolean locked = lockout.fail(counters, now);
        audit.append(AuditRecord.of(caller, type, subject, Outcome.FAILURE,
                Map.of("reason", reason, "failedAttempts", counters.failedAttempts)));
        if (locked) {
            Map<String, Object> details = new java.util.LinkedHashMap<>(Map.of("until",
                    counters.lockedUntil.toString(), "failedAttempts", counters.failedAttempts, "lockoutInARow",
                    counters.consecutiveLockouts, "minutes", lockout.durationOf(counters.consecutiveLockouts).toMinutes()));
            door.ifPresent(service -> details.put("onlyAt", service)); // the person can still sign in elsewhere
            audit.append(AuditRecord.of(caller, AuditType.MFA_LOCKED, subject, Outcome.SUCCESS, details));
            if (door.isEmpty()) {
                // a service's lock of its own door tells the person nothing they can act on, and a compromised
                // service sending it daily would teach them to ignore the real one: the audit log has it
                notifications.queue(subject, caller.personRealm(), NotificationKind.LOCKOUT,
                        Map.of("until", counters.lockedUntil.toString()), caller.personAddress());
            }
        }
        return lockout.remaining(counters, now);
    }

    private long recoveryCodesLeft(String subject) {
        return database.session().createQuery("select count(r) from RecoveryCode r"
                + " where r.subject = :subject and r.usedAt is null", Long.class)
                .setParameter("subject", subject).getSingleResult();
    }

    private List<String> replaceRecoveryCodes(String subject) {
        Session session = database.session();
        session.createMutationQuery("delete from RecoveryCode r where r.subject = :subject")
                .setParameter("subject", subject).executeUpdate();
        List<String> issued = recoveryCodes.generate();
        for (String code : issued) {
            RecoveryCode row = new RecoveryCode();
            row.subject = subject;
            row.codeHash = recoveryCodes.hash(subject, RecoveryCodes.normalise(code).orElseThrow());
            session.persist(row);
        }
        return issued;
    }

    private SubjectState lockRow(String subject) {
        SubjectState state = subjects.require(subject);
        database.session().refresh(state, LockModeType.PESSIMISTIC_WRITE);
        return state;
    }

    private void requireWellFormed(String code) {
        if (!codes.wellFormed(code)) {
            throw ApiProblem.invalidField("code", "must be the 6 digits the authenticator app shows");
        }
    }

    private static void refuseWhileLocked(SubjectState state, Instant now) {
        if (state.lockedAt(now)) {
            throw new ApiProblem(423, "'" + state.subject + "' is locked after too many failed attempts until "
                    + state.lockedUntil + ". An admin can unlock it sooner.");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
