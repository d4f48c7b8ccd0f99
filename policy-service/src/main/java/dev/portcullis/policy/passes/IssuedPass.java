package dev.portcullis.policy.passes;

import java.time.Instant;

/** A new access pass, shown once: only its keyed hash is kept. */
public record IssuedPass(String id, String subject, String pass, Instant expiresAt, boolean singleUse) {

    @Override
    public String toString() {
        return "IssuedPass[id=" + id + ", subject=" + subject + ", pass=redacted, expiresAt=" + expiresAt + "]";
    }
}
