package dev.portcullis.policy.audit;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reading the audit log: for auditors and admins. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditChainer chainer;

    @GET
    @Path("verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public VerifyResult verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        Optional<Instant> start = instant("from", from);
        Optional<Instant> end = instant("to", to);
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw ApiProblem.badRequest("'from' must not be after 'to'.");
        }
        chainer.chainAll(); // verify everything recorded so far, not only what is already chained
        return verifier.verify(start, end);
    }

    static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
