package dev.portcullis.keycloak.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** The policy service's answers, as the extension reads them. Unknown fields are ignored. */
public final class Answers {

    private Answers() {
    }

    /**
     * {@code action}: ALLOW, VERIFY, ENROL_OPTIONAL, ENROL or DENY. With VERIFY, {@code then}
     * (ENROL or ENROL_OPTIONAL) and {@code enrolMethods} say what to set up once a factor is proven.
     * {@code changePassword} names services that hold the password Keycloak holds for this person.
     * {@code settled}, in the answer to a preview only: taking the decision for real would record nothing
     * and answer the same. {@code bindWith} says, for {@code totp} and {@code webauthn}, what binding a
     * new factor of that method takes for this person: {@code password}, {@code factor} (one the person
     * has, proven first) or {@code pass} (an access pass); absent, the strictest.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LoginDecision(String action, List<String> methods, Instant enrolBy, Integer daysLeft, String policy,
            List<String> reasons, String then, List<String> enrolMethods, List<String> changePassword,
            Boolean settled, java.util.Map<String, String> bindWith) {

        public static final String BIND_WITH_PASSWORD = "password";
        public static final String BIND_WITH_FACTOR = "factor";
        public static final String BIND_WITH_PASS = "pass";

        public LoginDecision(String action, List<String> methods, Instant enrolBy, Integer daysLeft, String policy,
                List<String> reasons) {
            this(action, methods, enrolBy, daysLeft, policy, reasons, null, null, null, null,
                    java.util.Map.of("totp", BIND_WITH_PASSWORD, "webauthn", BIND_WITH_PASSWORD));
        }

        public LoginDecision(String action, List<String> methods, Instant enrolBy, Integer daysLeft, String policy,
                List<String> reasons, String then, List<String> enrolMethods, List<String> changePassword,
                Boolean settled) {
            this(action, methods, enrolBy, daysLeft, policy, reasons, then, enrolMethods, changePassword, settled,
                    java.util.Map.of("totp", BIND_WITH_PASSWORD, "webauthn", BIND_WITH_PASSWORD));
        }

        /**
         * Binding a factor of {@code method} ({@code totp}, {@code webauthn}) takes an access pass; so
         * does one the answer does not mention.
         */
        public boolean passNeededToBind(String method) {
            String binding = bindWith == null ? null : bindWith.get(method);
            return !BIND_WITH_PASSWORD.equals(binding) && !BIND_WITH_FACTOR.equals(binding);
        }

        public LoginDecision {
            methods = methods == null ? List.of() : List.copyOf(methods);
            enrolMethods = enrolMethods == null ? List.of() : List.copyOf(enrolMethods);
            changePassword = changePassword == null ? List.of() : List.copyOf(changePassword);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Enrolment(String secret, String otpauthUri, String qrCode, Instant expiresAt) {
        @Override
        public String toString() {
            return "Enrolment[secret=redacted, expiresAt=" + expiresAt + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecoveryCodes(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodes[redacted]";
        }
    }

    /**
     * A message to a person about their account, claimed from the policy service's outbox: to whom
     * ({@code userId}, Keycloak's id of their account, else {@code username}, their name now; {@code subject} is
     * the policy service's key for them), in {@code realm} when known, what ({@code kind}, {@code details}), when and
     * from where ({@code ip}, when known). Never a secret or a code.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Notice(String id, String subject, String realm, String kind, java.util.Map<String, Object> details,
            Instant occurredAt, String ip, String username, String userId) {

        public Notice {
            details = details == null ? java.util.Map.of() : java.util.Map.copyOf(details);
        }

        public Notice(String id, String subject, String realm, String kind, java.util.Map<String, Object> details,
                Instant occurredAt, String ip) {
            this(id, subject, realm, kind, details, occurredAt, ip, subject, null);
        }

        /**
         * Whom to tell, by name: the person's login name now. {@code subject} is their key at the policy
         * service, which since a rename may be another account's name.
         */
        public String name() {
            return username != null ? username : subject;
        }
    }

    /** {@code bindUntil}: the end of the binding window a valid pass opened. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PassRedemption(boolean valid, Instant bindUntil) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TotpVerification(boolean valid, int remainingAttempts) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecoveryVerification(boolean valid, long remaining) {
    }

    /** {@code action}: ALLOW, WARN or BLOCK. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PasswordVerdict(String action, List<Finding> findings, String policy, Boolean registered) {

        public PasswordVerdict(String action, List<Finding> findings, String policy) {
            this(action, findings, policy, null);
        }

        /** The policy service stored the password's fingerprints in the same call. */
        public boolean wasRegistered() {
            return Boolean.TRUE.equals(registered);
        }

        public boolean blocked() {
            return "BLOCK".equals(action);
        }

        public boolean warned() {
            return "WARN".equals(action);
        }
    }

    /** REUSED / VARIANT_REUSED name {@code services}; BREACHED has a {@code count}; TOO_SHORT a {@code minLength}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Finding(String type, String level, List<String> services, Long count, Integer minLength) {
    }
}
