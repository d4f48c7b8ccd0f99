package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.Naming;
import dev.portcullis.policy.throttle.Limited;
import dev.portcullis.policy.throttle.Throttle;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Services report login and admin events here; they join the same hash chain as our own. An event
 * with an {@code id} the same service sent before is a duplicate: not recorded, not acted on.
 */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventResource {

    /** The answer: how many events were stored, and how many were dropped as duplicates. */
    public record Accepted(int accepted, int duplicates) {
    }

    @Inject
    EventRecorder recorder;

    @Inject
    SecurityIdentity identity;

    @Inject
    PortcullisConfig config;

    @Inject
    Throttle throttle;

    @Inject
    CurrentCaller caller;

    @Inject
    Naming naming;

    @Inject
    CurrentVertxRequest request;

    @POST
    @RolesAllowed(Roles.SCOPE_EVENTS)
    public Accepted ingest(List<IncomingEvent> events) {
        // the caller's name: "service:<name>", the same across key rotations
        String source = identity.getPrincipal().getName();
        // per service: a compromised service's key must not fill the audit log or exhaust the replica
        String service = caller.serviceName().orElse(null);
        throttle.admit(Limited.EVENT_BATCHES, service, caller.get());
        throttle.admitEventBytes(service, request.getCurrent().request().bytesRead(), caller.get());
        boolean idp = identity.hasRole(Roles.SCOPE_IDP);
        // before the batch's transaction: naming a person commits on its own
        List<ReceivedEvent> received = EventIntake.receive(events, source, config.audit().maxBatch()).stream()
                .map(event -> attributed(event, idp)).toList();
        // the identity provider's events tell its people of changes to their accounts, and it alone speaks
        // for people's keys (scope idp)
        List<AuditRecord> records = recorder.record(source, received, identity.hasRole(Roles.SCOPE_ENROL), idp);
        return new Accepted(records.size(), received.size() - records.size());
    }

    /**
     * The event under the key of the person it is about ({@link Naming#attribute}): for the identity
     * provider, by id; for anyone else, by name. An event whose person cannot be told is kept without a
     * subject, the name it gave in its details, and changes no one's state.
     */
    private ReceivedEvent attributed(ReceivedEvent event, boolean idp) {
        String name = event.record().subject();
        if (name == null) {
            return event;
        }
        return naming.attribute(name, idp ? event.subjectId() : null)
                .map(attribution -> event.about(attribution.key(), attribution.acts())).orElseGet(event::unattributed);
    }
}
