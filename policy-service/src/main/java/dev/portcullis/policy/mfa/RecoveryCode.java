package dev.portcullis.policy.mfa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One recovery code of a subject, as its keyed hash; usable once. */
@Entity
@Table(name = "recovery_code")
@IdClass(RecoveryCode.Key.class)
public class RecoveryCode {

    @Id
    @Column(name = "subject")
    String subject;

    @Id
    @Column(name = "code_hash", length = 64)
    String codeHash;

    @Column(name = "used_at")
    Instant usedAt;

    public static class Key implements Serializable {
        String subject;
        String codeHash;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(subject, key.subject)
                    && Objects.equals(codeHash, key.codeHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, codeHash);
        }
    }
}
