package dev.portcullis.policy.console;

import dev.portcullis.policy.credentials.ReuseReport;
import dev.portcullis.policy.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /console/reuse}: who uses the same password (REUSED) or a variant of it (VARIANT_REUSED)
 * on several services, and which services. Built from fingerprint equality: no secret is shown
 * because none is known.
 */
@Path("/console/reuse")
@Produces(MediaType.TEXT_HTML)
public class ReusePage {

    static final int PAGE = 50;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance reuse(Viewer viewer, ReuseReport.Page report, long widest);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    ReuseReport reports;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance reuse(@QueryParam("after") String after) {
        String from = after == null ? null : after.substring(0, Math.min(after.length(), 255));
        ReuseReport.Page page = reports.page(from, PAGE);
        long widest = page.totals().byService().values().stream().mapToLong(Long::longValue).max().orElse(1);
        return Templates.reuse(Viewer.of(identity, "reuse"), page, Math.max(1, widest));
    }
}
