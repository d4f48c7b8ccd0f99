package dev.portcullis.policy.mfa;

import dev.portcullis.policy.subjects.LockCounters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A person's lockout at one service other than the identity provider: that service's wrong codes lock
 * them out of that service alone ({@link ServiceLockouts}).
 */
@Entity
@Table(name = "service_lockout")
@IdClass(ServiceLockout.Key.class)
public class ServiceLockout extends LockCounters {

    @Id
    @Column(name = "subject")
    String subject;

    @Id
    @Column(name = "service", length = 64)
    String service;

    public static class Key implements Serializable {
        String subject;
        String service;

        Key() {
        }

        Key(String subject, String service) {
            this.subject = subject;
            this.service = service;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(subject, key.subject)
                    && Objects.equals(service, key.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, service);
        }
    }
}
