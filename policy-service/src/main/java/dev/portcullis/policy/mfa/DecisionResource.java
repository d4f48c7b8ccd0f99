package dev.portcullis.policy.mfa;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.throttle.Limited;
import dev.portcullis.policy.throttle.Throttle;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * The login decision, asked by Keycloak (scope {@code mfa}) after the password step, and by other
 * services at their own logins. Only the identity provider's (scope {@code idp}) is recorded; with
 * {@code ?preview=true} it records nothing either, so a caller may ask while it is still checking the
 * password, and use the answer once the password is right if it is {@code settled}.
 */
@Path("/api/v1/decisions/login")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionResource {

    @Inject
    DecisionService decisions;

    @Inject
    CurrentCaller caller;

    @Inject
    Throttle throttle;

    @Inject
    People people;

    @POST
    @RolesAllowed(Roles.SCOPE_MFA)
    public Decision decide(@NotNull(message = "is required") @Valid DecisionRequest request,
            @QueryParam("preview") String preview) {
        throttle.admit(Limited.DECISIONS, caller.serviceName().orElse(null), caller.get());
        boolean idp = caller.speaksForPeople();
        boolean previewed = preview(preview);
        DecisionService.Person person = new DecisionService.Person(previewed || !idp
                ? people.peek("subject", request.subject()) : Optional.of(people.key("subject", request.subject())),
                SubjectRegistry.parse("subject", request.subject()));
        return decisions.decide(person, request, caller.get(), caller.serviceName(), idp, previewed);
    }

    private static boolean preview(String value) {
        return switch (value == null ? "false" : value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.invalidField("preview", "must be true or false");
        };
    }
}
