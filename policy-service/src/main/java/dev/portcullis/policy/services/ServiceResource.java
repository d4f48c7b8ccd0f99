package dev.portcullis.policy.services;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Admin API for the services that call the policy service, and their keys. */
@Path("/api/v1/admin/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceResource {

    @Inject
    ServiceRegistry registry;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@NotNull(message = "is required") @Valid CreateServiceRequest body, @Context UriInfo uri) {
        IssuedKey issued = registry.create(body.name(), parseScopes(body.scopes()),
                CertificatePins.parse("certificatePins", body.certificatePins()), caller.get());
        return Response.created(uri.getAbsolutePathBuilder().path(issued.name()).build()).entity(issued).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public List<ServiceClientView> list() {
        return registry.list();
    }

    @POST
    @Path("{name}/rotate-key")
    @RolesAllowed(Roles.ADMIN)
    public IssuedKey rotate(@PathParam("name") String name) {
        return registry.rotate(name, caller.get());
    }

    /** Replaces the client certificates the service's key must come with; an empty list unpins it. */
    @PUT
    @Path("{name}/certificate-pins")
    @RolesAllowed(Roles.ADMIN)
    public ServiceClientView pinCertificates(@PathParam("name") String name,
            @NotNull(message = "is required") @Valid CertificatePinsRequest body) {
        return registry.pinCertificates(name, CertificatePins.parse("pins", body.pins()), caller.get());
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name) {
        registry.delete(name, caller.get());
        return Response.noContent().build();
    }

    static SortedSet<Scope> parseScopes(List<String> values) {
        SortedSet<Scope> scopes = new TreeSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            int index = i;
            scopes.add(Scope.parse(value).orElseThrow(() -> ApiProblem.invalidField("scopes[" + index + "]",
                    "is not a known scope; use one of " + Scope.known())));
        }
        Scope.inconsistency(scopes).ifPresent(problem -> {
            throw ApiProblem.invalidField("scopes", problem);
        });
        return scopes;
    }
}
