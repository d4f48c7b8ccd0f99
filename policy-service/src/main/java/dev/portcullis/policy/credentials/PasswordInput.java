package dev.portcullis.policy.credentials;

import dev.portcullis.policy.problem.ApiProblem;

/**
 * A password as a request carries it. Any characters, never truncated, up to
 * {@link #MAX_CODE_POINTS}: beyond that the request is refused before any Argon2id runs.
 */
public final class PasswordInput {

    public static final int MAX_CODE_POINTS = 1024;

    private PasswordInput() {
    }

    public static String require(String field, String password) {
        if (password == null) {
            throw ApiProblem.invalidField(field, "is required");
        }
        if (password.isEmpty()) {
            throw ApiProblem.invalidField(field, "must not be empty");
        }
        if (password.length() > 2 * MAX_CODE_POINTS
                || password.codePointCount(0, password.length()) > MAX_CODE_POINTS) {
            throw ApiProblem.invalidField(field, "is longer than " + MAX_CODE_POINTS
                    + " characters, the most a password may have");
        }
        return password;
    }

    /** Length as people count it: in code points, after nothing is removed. */
    public static int length(String password) {
        return password.codePointCount(0, password.length());
    }
}
