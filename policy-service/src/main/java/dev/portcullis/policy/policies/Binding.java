package dev.portcullis.policy.policies;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What it takes to bind a new second factor (an authenticator app or a security key) to a person,
 * ordered from lenient to strict. A phisher who relays a password and one code, or a caller who talks
 * the helpdesk into a reset, binds their own factor wherever the password or a code is enough.
 */
public enum Binding {
    /** The password binds a person's first factor; once they have one, it must be proven first. */
    @JsonProperty("password") PASSWORD,
    /** Only a factor the person already has binds another; without one, an access pass. */
    @JsonProperty("factor") FACTOR,
    /** Only an access pass issued by a policy admin binds a factor. */
    @JsonProperty("pass") PASS;

    public static Binding strictest(Binding a, Binding b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
