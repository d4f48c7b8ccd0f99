package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.notifications.Notifications;
import dev.portcullis.policy.notifications.ReportedEvents;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.SubjectRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Services report login and admin events here; they join the same hash chain as our own. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventResource {

    /** The answer: how many events were stored. */
    public record Accepted(int accepted) {
    }

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @Inject
    PortcullisConfig config;

    @Inject
    SubjectRegistry subjects;

    @Inject
    Notifications notifications;

    @POST
    @RolesAllowed(Roles.SCOPE_EVENTS)
    public Accepted ingest(List<IncomingEvent> events) {
        var records = EventIntake.toRecords(events, identity.getPrincipal().getName(), config.audit().maxBatch());
        audit.appendAll(records);
        if (identity.hasRole(Roles.SCOPE_MFA)) {
            // only the service that asks for login decisions speaks for people's keys
            java.time.Instant now = java.time.Instant.now();
            for (KeyEvents.KeyChange change : KeyEvents.of(records)) {
                subjects.keyChanged(change.subject(), change.passkey(), change.present(), now);
            }
        }
        if (identity.hasRole(Roles.SCOPE_ENROL)) {
            // the identity provider's events tell its people of changes to their accounts; another
            // service's could be made up to flood them with mail
            for (var record : records) {
                ReportedEvents.of(record).ifPresent(message -> notifications.queue(record.subject(), message.realm(),
                        message.kind(), message.details(), record.ip()));
            }
        }
        return new Accepted(records.size());
    }
}
