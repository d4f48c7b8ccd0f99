package dev.portcullis.policy.console;

import dev.portcullis.policy.credentials.ReuseReport;
import dev.portcullis.policy.policies.PolicyStore;
import dev.portcullis.policy.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code /console}: MFA coverage, deadlines, lockouts and password reuse at a glance. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance dashboard(Viewer viewer, Compliance compliance, String chart, long lockouts,
                ReuseReport.Totals reuse);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    KnownSubjects known;

    @Inject
    PolicyStore policies;

    @Inject
    ReuseReport reuse;

    @Inject
    ConsoleLanguage language;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance dashboard() {
        Instant now = Instant.now();
        Compliance compliance = Compliance.of(known, policies.list(), now);
        List<Compliance.DayCount> days = compliance.enrolledByDay();
        String title = language.messages().chartTitle(days.size(), EnrolmentChart.first(days), EnrolmentChart.last(days));
        return Templates.dashboard(Viewer.of(identity, "dashboard"), compliance,
                EnrolmentChart.svg(days, language.locale(), title), known.lockoutsSince(now.minus(24, ChronoUnit.HOURS)),
                reuse.totals());
    }
}
