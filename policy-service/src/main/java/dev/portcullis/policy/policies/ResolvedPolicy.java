package dev.portcullis.policy.policies;

import java.time.Instant;
import java.util.List;

/**
 * What applies to one login once every matching policy is combined, field by field, strictest
 * first. {@code enrolBy} is null when MFA is not required.
 */
public record ResolvedPolicy(
        List<String> matched,
        boolean mfaRequired,
        List<Method> methods,
        Instant enrolBy,
        String mfaPolicy,
        Level reuse,
        Level variantReuse,
        Level breached,
        int minLength) {
}
