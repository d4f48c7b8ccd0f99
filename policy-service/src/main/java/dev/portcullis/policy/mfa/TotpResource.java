package dev.portcullis.policy.mfa;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import dev.portcullis.policy.throttle.Throttle;
import dev.portcullis.policy.throttle.Throttled;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * TOTP for services with scope {@code mfa} (Keycloak, VPN...): verifying codes and reading the state.
 * Starting or confirming an enrolment also needs scope {@code enrol}.
 */
@Path("/api/v1/subjects/{subject}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SCOPE_MFA)
public class TotpResource {

    @Inject
    TotpService totp;

    @Inject
    CurrentCaller caller;

    @Inject
    Throttle throttle;

    @Inject
    People people;

    @POST
    @Path("totp/enrolment")
    @RolesAllowed(Roles.SCOPE_ENROL)
    public Response enrol(@PathParam("subject") String subject) {
        Enrolment enrolment = totp.enrol(people.key("subject", subject), caller.get());
        return Response.status(Response.Status.CREATED).entity(enrolment).build();
    }

    @POST
    @Path("totp/enrolment/confirm")
    @RolesAllowed(Roles.SCOPE_ENROL)
    public MfaResults.Confirmed confirm(@PathParam("subject") String subject, CodeRequest body) {
        return totp.confirm(admitted(subject), code(body), caller.get());
    }

    @POST
    @Path("totp/verify")
    public MfaResults.Verification verify(@PathParam("subject") String subject, CodeRequest body) {
        return totp.verify(admitted(subject), code(body), caller.get(), door());
    }

    @POST
    @Path("recovery-codes/verify")
    public MfaResults.RecoveryVerification verifyRecovery(@PathParam("subject") String subject, CodeRequest body) {
        return totp.verifyRecoveryCode(admitted(subject), code(body), caller.get(), door());
    }

    /** The subject, once this service may ask about one more of their codes. */
    private String admitted(String raw) {
        String subject = people.key("subject", raw);
        throttle.admit(Throttled.CODE_VERIFY, caller.serviceName().orElse(null), subject, caller.get());
        return subject;
    }

    /**
     * Whose lockout a wrong code counts against: the person's own when the identity provider asks, else
     * the asking service's alone ({@link ServiceLockouts}).
     */
    private Optional<String> door() {
        return caller.speaksForPeople() ? Optional.empty()
                : Optional.of(caller.serviceName().orElseGet(() -> caller.get().actor()));
    }

    @GET
    @Path("mfa")
    public MfaResults.Status status(@PathParam("subject") String subject) {
        return totp.status(people.key("subject", subject), door());
    }

    private static String code(CodeRequest body) {
        if (body == null || body.code() == null || body.code().isEmpty()) {
            throw ApiProblem.invalidField("code", "is required");
        }
        return body.code();
    }
}
