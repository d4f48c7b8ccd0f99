package dev.portcullis.policy.mfa;

import dev.portcullis.policy.policies.Binding;

/**
 * Pure: what binding a new factor takes for one person, from what their policies demand and what
 * they have. A factor they have is always proven first, so a phished password alone never adds the
 * phisher's factor to an account that has one; the password alone binds only a person's very first
 * factor, and only under a {@code password} policy. Someone who had a factor and lost them all (a
 * reset after a phone call, a key removed) needs an access pass, as does anyone under a {@code pass}
 * policy, whatever they have: a relayed code binds nothing there.
 */
public final class BindingRule {

    private BindingRule() {
    }

    /**
     * @param hasFactor the person has a second factor now (accepted by the policy or not)
     * @param boundBefore the person had a second factor at some time
     */
    public static Binding needed(Binding policy, boolean hasFactor, boolean boundBefore) {
        return switch (policy) {
            case PASS -> Binding.PASS;
            case FACTOR -> hasFactor ? Binding.FACTOR : Binding.PASS;
            case PASSWORD -> hasFactor ? Binding.FACTOR : boundBefore ? Binding.PASS : Binding.PASSWORD;
        };
    }
}
