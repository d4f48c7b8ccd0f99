package dev.portcullis.policy.policies;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
        int minLength,
        Map<Method, Binding> bindings) {

    public ResolvedPolicy(List<String> matched, boolean mfaRequired, List<Method> methods, Instant enrolBy,
            String mfaPolicy, Level reuse, Level variantReuse, Level breached, int minLength) {
        this(matched, mfaRequired, methods, enrolBy, mfaPolicy, reuse, variantReuse, breached, minLength, Map.of());
    }

    /** What binding a factor of {@code method} takes under these policies ({@code password} when none says). */
    public Binding binding(Method method) {
        return bindings.getOrDefault(method, Binding.PASSWORD);
    }
}
