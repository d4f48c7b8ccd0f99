package dev.portcullis.policy.notifications;

import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The outbox of messages to people, for the identity provider alone (scope {@code enrol}): it holds
 * their addresses and languages, and the realm's mail server.
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SCOPE_ENROL)
public class NotificationResource {

    @Inject
    Notifications notifications;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("claim")
    public List<NotificationView> claim(@QueryParam("max") @DefaultValue("50") int max) {
        return notifications.claim(max, caller.get());
    }

    @POST
    @Path("{id}/sent")
    public Response sent(@PathParam("id") String id) {
        notifications.sent(id, caller.get());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/failed")
    public Response failed(@PathParam("id") String id, Failure body) {
        notifications.failed(id, body == null ? null : body.reason(), caller.get());
        return Response.noContent().build();
    }

    public record Failure(String reason) {
    }
}
