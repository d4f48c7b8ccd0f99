package dev.portcullis.policy.subjects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a login decision said about a subject: its groups (paths), realm roles, the client it
 * signed in to, and whether the caller reported a WebAuthn security key or a passkey (both live in
 * Keycloak, not here). Sorted, so that equal facts have equal JSON and an unchanged login writes
 * nothing.
 */
public record SubjectFacts(List<String> groups, List<String> roles, String client, boolean webauthn,
        boolean passkey) {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final SubjectFacts NONE = new SubjectFacts(List.of(), List.of(), null, false, false);

    /** JSON of groups and of roles each stays under this, so the whole fits its 8000-character column. */
    static final int MAX_LIST_CHARS = 3800;
    /** The most JSON characters one character can take ({@code \u0001}). */
    private static final int MAX_ESCAPED_CHARS = 6;

    public SubjectFacts {
        groups = bounded(groups);
        roles = bounded(roles);
    }

    public SubjectFacts(List<String> groups, List<String> roles, String client, boolean webauthn) {
        this(groups, roles, client, webauthn, false);
    }

    /** The same facts with a security key ({@code passkey} false) or a passkey present or not. */
    public SubjectFacts withKey(boolean passkeyKind, boolean present) {
        return passkeyKind ? new SubjectFacts(groups, roles, client, webauthn, present)
                : new SubjectFacts(groups, roles, client, present, passkey);
    }

    /** A key or passkey these facts had is missing from {@code later}. */
    public boolean lostAKeyIn(SubjectFacts later) {
        return webauthn && !later.webauthn || passkey && !later.passkey;
    }

    /**
     * Sorted, and cut once the names would not fit the column: the console's counts then miss a
     * person's 300th group, which beats refusing their login.
     */
    private static List<String> bounded(List<String> names) {
        if (names == null) {
            return List.of();
        }
        TreeSet<String> sorted = new TreeSet<>(names);
        if (sorted.stream().mapToLong(name -> MAX_ESCAPED_CHARS * name.length() + 3L).sum() <= MAX_LIST_CHARS) {
            return List.copyOf(sorted); // fits even if every character were escaped: no need to measure
        }
        List<String> kept = new ArrayList<>();
        int chars = 0;
        for (String name : sorted) {
            chars += jsonLength(name) + 1;
            if (chars > MAX_LIST_CHARS) {
                break;
            }
            kept.add(name);
        }
        return List.copyOf(kept);
    }

    private static int jsonLength(String name) {
        try {
            return JSON.writeValueAsString(name).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string is always serialisable", e);
        }
    }

    public Set<String> groupSet() {
        return Set.copyOf(groups);
    }

    public Set<String> roleSet() {
        return Set.copyOf(roles);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("subject facts are always serialisable", e);
        }
    }

    /** The stored facts, or {@link #NONE} for a subject never seen in a login decision. */
    public static SubjectFacts parse(String json) {
        if (json == null) {
            return NONE;
        }
        try {
            return JSON.readValue(json, SubjectFacts.class);
        } catch (JsonProcessingException e) {
            return NONE;
        }
    }
}
