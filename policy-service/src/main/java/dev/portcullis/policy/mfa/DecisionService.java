package dev.portcullis.policy.mfa;

import dev.portcullis.policy.approvals.Protection;
import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.credentials.CredentialService;
import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.policies.PolicyStore;
import dev.portcullis.policy.policies.ResolvedPolicy;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.subjects.SubjectState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Answers login decisions: resolve the policies, look at the subject's factors, decide. */
@ApplicationScoped
public class DecisionService {

    /**
     * A passkey (Keycloak's passwordless WebAuthn credential) is reported for the console's coverage;
     * the login flow's key step checks security keys registered as second factors, so it proves nothing here.
     */
    static final String PASSKEY = "passkey";
    /** What a service without scope {@code idp} is told of where else its password is in use. */
    static final String ELSEWHERE = "another service";

    private final SubjectRegistry subjects;
    private final PolicyStore policies;
    private final AuditLog audit;
    private final CredentialService credentials;
    private final ServiceLockouts lockouts;

    @Inject
    public DecisionService(SubjectRegistry subjects, PolicyStore policies, AuditLog audit,
            CredentialService credentials, ServiceLockouts lockouts) {
        this.lockouts = lockouts;
        this.subjects = subjects;
        this.policies = policies;
        this.audit = audit;
        this.credentials = credentials;
    }

    /**
     * The decision for a caller that speaks for people ({@code idp}: the identity provider) or not. Another
     * service's decision is read-only: the same answer, with nothing recorded (no first sighting, no facts,
     * no grace ended or restored, no audit event), and the services that share its password are not named.
     * With {@code preview}, nobody's is recorded, and it is marked {@link Decision#settled()} when recording
     * would have changed nothing, so that the same request answers the same.
     */
    public Decision decide(Person person, DecisionRequest request, Caller caller, Optional<String> service,
            boolean idp, boolean preview) {
        Decision decision = take(person, request, caller, service, idp, !idp || preview);
        return preview ? decision : decision.previewed(null);
    }

    /**
     * Whom a decision is about: the key of their row ({@code People}), or none when a read-only decision
     * finds nobody stored; and the name the request gave.
     */
    public record Person(Optional<String> key, String name) {
    }

    /** The decision, recorded unless {@code preview}, and marked settled or not. */
    private Decision take(Person person, DecisionRequest request, Caller caller, Optional<String> service,
            boolean idp, boolean preview) {
        EnumSet<Method> reported = reportedMethods(request.enrolledMethods());
        Optional<SubjectState> known = preview ? person.key().flatMap(subjects::find)
                : Optional.of(subjects.seen(person.key().orElseThrow()));
        Instant now = Instant.now(); // after a first sighting: a grace period of 0 days has ended
        SubjectState state = known.orElseGet(() -> SubjectState.unknown(person.name(), now));
        String subject = state.subject;
        // a rename the identity provider has not told yet is news: its real decision records it
        boolean settled = known.isPresent() && person.name().equals(state.nameNow());
        SubjectFacts facts = new SubjectFacts(request.groups(), request.roles(), request.client(),
                reported.contains(Method.WEBAUTHN), request.enrolledMethods().contains(PASSKEY));
        Instant factorRemovedAt = state.factorRemovedAt;
        if (SubjectFacts.parse(state.facts).lostAKeyIn(facts)) {
            settled = false;
            factorRemovedAt = now;
            if (!preview) {
                subjects.factorRemoved(state, now);
                audit.append(AuditRecord.of(caller, AuditType.MFA_FACTOR_REMOVED, subject, Outcome.SUCCESS,
                        Map.of("seenBy", "login decision")));
            }
        }
        if (preview) {
            settled &= !SubjectRegistry.changes(state, facts);
        } else {
            subjects.remember(state, facts); // writes only when they changed
        }
        if (state.protectedAt == null && Protection.byFacts(facts, policies.current()).isPresent()) {
            settled = false;
            if (!preview) {
                subjects.markProtected(state, now); // four eyes from now on, once
            }
        }
        ResolvedPolicy policy = PolicyResolver.resolve(policies.current(), new HashSet<>(request.groups()),
                Set.copyOf(request.roles()), request.client(), state.firstSeenAt);
        // TOTP is known here; WebAuthn lives in the caller (Keycloak), which reports it.
        reported.remove(Method.TOTP);
        if (state.totpEnrolled()) {
            reported.add(Method.TOTP);
        }
        Decision decision = LoginDecider.decide(policy, reported, lockedUntil(state, service, idp, now), factorRemovedAt,
                state.boundBefore() || factorRemovedAt != null, now);
        if (decision.action() == Decision.Action.VERIFY && decision.then() == null && factorRemovedAt != null) {
            settled = false;
            if (!preview) {
                subjects.factorRestored(state); // the factor they prove meets the policy: grace applies again
            }
        }
        if (service.isPresent() && policy.reuse() == Level.BLOCK) {
            // nobody stored has no passwords: a name that finds nobody never reads a key it happens to equal
            List<String> elsewhere = known.isPresent() ? credentials.reusedElsewhere(subject, service.get())
                    : List.of();
            decision = decision.withPasswordReusedAt(idp || elsewhere.isEmpty() ? elsewhere : List.of(ELSEWHERE));
        }
        return preview ? decision.previewed(settled) : decision;
    }

    /**
     * Until when the person is locked for the caller: their own lock, which every door honours, and for a
     * service other than the identity provider also its own lock of them ({@link ServiceLockouts}).
     */
    private Instant lockedUntil(SubjectState state, Optional<String> service, boolean idp, Instant now) {
        Instant own = state.lockedUntil;
        if (idp || service.isEmpty()) {
            return own;
        }
        Optional<Instant> there = lockouts.lockedUntil(state.subject, service.get(), now);
        return there.isPresent() && (own == null || there.get().isAfter(own)) ? there.get() : own;
    }

    static EnumSet<Method> reportedMethods(List<String> values) {
        EnumSet<Method> methods = EnumSet.noneOf(Method.class);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if ("webauthn".equals(value)) {
                methods.add(Method.WEBAUTHN);
            } else if (!"totp".equals(value) && !PASSKEY.equals(value)) {
                throw ApiProblem.invalidField("enrolledMethods[" + i + "]", "must be totp, webauthn or passkey");
            }
        }
        return methods;
    }
}
