package dev.portcullis.policy.console;

import java.util.List;
import java.util.Map;

/** Policy documents as the API takes them. */
final class PolicyDocuments {

    private PolicyDocuments() {
    }

    static Map<String, Object> requiring(List<String> groups, int graceDays) {
        return Map.of("appliesTo", Map.of("groups", groups, "roles", List.of(), "clients", List.of()),
                "mfa", Map.of("required", true, "methods", List.of("totp", "webauthn"), "enrolmentGraceDays", graceDays),
                "passwords", Map.of("reuse", "block", "variantReuse", "warn", "breached", "block", "minLength", 8));
    }
}
