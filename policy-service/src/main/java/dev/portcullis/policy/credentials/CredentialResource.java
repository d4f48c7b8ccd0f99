package dev.portcullis.policy.credentials;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.throttle.Throttle;
import dev.portcullis.policy.throttle.Throttled;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Password checks and fingerprints, for services with scope {@code credentials}. A service checks
 * against any registered service, but registers and deletes only its own fingerprints. A service that is
 * not the identity provider learns verdicts without service names, and its checks and registrations
 * about a person share one budget with every other such service ({@link Throttle#admitGuess}).
 */
@Path("/api/v1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SCOPE_CREDENTIALS)
public class CredentialResource {

    @Inject
    CredentialService credentials;

    @Inject
    CurrentCaller caller;

    @Inject
    Throttle throttle;

    @Inject
    SubjectRegistry subjects;

    @Inject
    People people;

    /**
     * Throttled per service and person: each answer tells whether a guess is the person's password. A
     * service that is not the identity provider checks only as itself, only for people the identity
     * provider has seen, and only once the request is valid: so it can neither learn which other service
     * holds a password by naming each in turn, nor spend people's budgets with requests that would fail.
     */
    @POST
    @Path("check")
    public CheckResult check(@NotNull(message = "is required") @Valid CheckRequest request,
            @QueryParam("register") String register) {
        CredentialService.Registration registration = registration(register);
        boolean idp = caller.speaksForPeople();
        if (registration != CredentialService.Registration.NONE || !idp) {
            ownService(request.service() == null ? "" : request.service());
        }
        String subject = people.key("subject", request.subject());
        if (!idp) {
            PasswordInput.require("password", request.password());
            subjects.require(subject); // a 404 before any hashing or budget is spent
        }
        throttle.admit(Throttled.CREDENTIAL_CHECK, caller.serviceName().orElse(null), subject, caller.get());
        if (!idp) {
            throttle.admitGuess(caller.serviceName().orElse(null), subject, caller.get());
        }
        return credentials.check(subject, request, registration, caller.get(), idp);
    }

    /**
     * {@code ?register=true}: register the password for the calling service unless it is blocked (it is
     * about to be saved); {@code ?register=always}: whatever the verdict (it is in use already).
     */
    static CredentialService.Registration registration(String value) {
        if (value == null || value.isEmpty() || "false".equals(value)) {
            return CredentialService.Registration.NONE;
        }
        return switch (value) {
            case "true" -> CredentialService.Registration.UNLESS_BLOCKED;
            case "always" -> CredentialService.Registration.ALWAYS;
            default -> throw ApiProblem.invalidField("register", "must be true, always or false");
        };
    }

    @PUT
    @Path("{subject}/{service}")
    public Response register(@PathParam("subject") String subject, @PathParam("service") String service,
            RegisterRequest body) {
        String person = people.key("subject", subject);
        String own = ownService(service);
        String password = PasswordInput.require("password", body == null ? null : body.password());
        boolean idp = caller.speaksForPeople();
        if (!idp) {
            // a registration tests a guess too: the login decision then says whether it is in use elsewhere
            subjects.require(person);
            throttle.admit(Throttled.CREDENTIAL_CHECK, own, person, caller.get());
            throttle.admitGuess(own, person, caller.get());
        }
        credentials.register(person, own, password, caller.get(), idp);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{subject}/{service}")
    public Response delete(@PathParam("subject") String subject, @PathParam("service") String service) {
        String person = people.key("subject", subject);
        String own = ownService(service);
        if (!caller.speaksForPeople()) {
            // each deletion locks the person's row and is audited: bounded like the rest
            throttle.admit(Throttled.CREDENTIAL_CHECK, own, person, caller.get());
        }
        credentials.delete(person, own, caller.get());
        return Response.noContent().build();
    }

    private String ownService(String service) {
        String self = caller.serviceName().orElse("");
        if (!self.equals(service)) {
            throw new ApiProblem(403, "A service registers and deletes only its own fingerprints, and checks only as"
                    + " itself unless it is the identity provider: this key belongs"
                    + " to '" + self + "', not to '" + (service.length() > 64 ? service.substring(0, 64) + "..." : service)
                    + "'.");
        }
        return service;
    }
}
