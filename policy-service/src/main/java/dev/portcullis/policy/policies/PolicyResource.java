package dev.portcullis.policy.policies;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;

/** Admin API for MFA and password policies. */
@Path("/api/v1/admin/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A policy as the API shows it: its name beside its document's fields. */
    public record PolicyView(String name, PolicyDocument.AppliesTo appliesTo, PolicyDocument.Mfa mfa,
            PolicyDocument.Passwords passwords) {
        static PolicyView of(NamedPolicy policy) {
            PolicyDocument d = policy.document();
            return new PolicyView(policy.name(), d.appliesTo(), d.mfa(), d.passwords());
        }
    }

    @Inject
    PolicyStore store;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public List<PolicyView> list() {
        return store.list().stream().map(PolicyView::of).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public PolicyView get(@PathParam("name") String name) {
        return store.find(name).map(PolicyView::of)
                .orElseThrow(() -> ApiProblem.notFound("No policy named '" + name + "'."));
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response put(@PathParam("name") String name,
            @NotNull(message = "is required") @Valid PolicyDocument document) {
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.invalidField("name", "must be 1-64 characters of a-z, 0-9, '.', '_' or '-'");
        }
        PolicyStore.Saved saved = store.save(name, document, caller.get());
        return Response.status(saved.created() ? 201 : 200).entity(PolicyView.of(saved.policy())).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name) {
        store.delete(name, caller.get());
        return Response.noContent().build();
    }
}
