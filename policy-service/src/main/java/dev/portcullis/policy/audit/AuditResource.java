package dev.portcullis.policy.audit;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.problem.QueryParams;
import dev.portcullis.policy.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Optional;

/** Reading the audit log: for auditors and admins. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditChainer chainer;

    @Inject
    AuditRetention retention;

    @Inject
    dev.portcullis.policy.security.CurrentCaller caller;

    /** Purges events recorded more than {@code olderThanDays} days ago; the rest still verifies. */
    @jakarta.ws.rs.POST
    @Path("purge")
    @RolesAllowed(Roles.ADMIN)
    public AuditRetention.Purged purge(@QueryParam("olderThanDays") String olderThanDays) {
        int days;
        try {
            days = Integer.parseInt(olderThanDays == null ? "" : olderThanDays.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("olderThanDays", "must be a whole number of days");
        }
        return retention.purgeOlderThan(days, caller.get());
    }

    /**
     * Verifies the chain, or the events recorded from {@code from} to {@code to} (recording time, which no
     * sender chooses), walking from the latest anchor signed before them (else the purge checkpoint or the
     * genesis) to the first anchor signed after them (else the head): {@link AuditVerifier}.
     */
    @GET
    @Path("verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public VerifyResult verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        Optional<Instant> start = QueryParams.instant("from", from);
        Optional<Instant> end = QueryParams.instant("to", to);
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw ApiProblem.badRequest("'from' must not be after 'to'.");
        }
        chainer.chainAll(); // verify everything recorded so far, not only what is already chained
        return verifier.verify(start, end);
    }
}
