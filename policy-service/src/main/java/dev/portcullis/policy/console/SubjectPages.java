package dev.portcullis.policy.console;

import dev.portcullis.policy.approvals.FourEyes;
import dev.portcullis.policy.mfa.MfaResults;
import dev.portcullis.policy.mfa.TotpResetAction;
import dev.portcullis.policy.mfa.TotpService;
import dev.portcullis.policy.passes.AccessPassView;
import dev.portcullis.policy.passes.AccessPasses;
import dev.portcullis.policy.passes.IssuedPass;
import dev.portcullis.policy.passes.PassIssueAction;
import dev.portcullis.policy.passes.PassRequest;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.People;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /console/subjects}: find a person, see their MFA state and access passes, and (admins) reset
 * their TOTP after a lost phone, unlock them after too many wrong codes, or issue or revoke an access
 * pass. For a protected person, a reset or a pass is a request that a second admin approves.
 */
@Path("/console/subjects")
@Produces(MediaType.TEXT_HTML)
public class SubjectPages {

    static final int RESULTS = 50;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance subjects(Viewer viewer, String q, List<KnownSubjects.Found> results,
                int limit);

        static native TemplateInstance subject(Viewer viewer, MfaResults.Status status, SubjectFacts facts,
                List<AccessPassView> passes, String done);

        static native TemplateInstance passForm(Viewer viewer, String subject);

        static native TemplateInstance issuedPass(Viewer viewer, IssuedPass issued);
    }

    /** The lifetimes the console offers, in minutes: 10 minutes, an hour, 4 hours, a day. */
    static final List<Integer> LIFETIMES = List.of(10, 60, 240, 1440);

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsoleLanguage language;

    @Inject
    KnownSubjects known;

    @Inject
    SubjectRegistry subjects;

    @Inject
    TotpService totp;

    @Inject
    CurrentCaller caller;

    @Inject
    People people;

    @Inject
    AccessPasses passes;

    @Inject
    FourEyes fourEyes;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance search(@QueryParam("q") String q) {
        String text = q == null ? "" : q.trim();
        if (text.length() > 255) {
            text = text.substring(0, 255);
        }
        return Templates.subjects(viewer(), text, known.search(text, RESULTS), RESULTS);
    }

    @GET
    @Path("{subject}")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance subject(@PathParam("subject") String raw, @QueryParam("done") String done) {
        String subject = people.byKey("subject", raw);
        MfaResults.Status status = totp.status(subject);
        SubjectFacts facts = SubjectFacts.parse(subjects.find(subject).map(s -> s.facts).orElse(null));
        return Templates.subject(viewer(), status, facts, passes.list(subject), done);
    }

    @GET
    @Path("{subject}/reset-totp")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmReset(@PathParam("subject") String raw) {
        String subject = known(raw);
        ConsoleMessages msg = language.messages();
        return confirm(subject, msg.resetTotpTitle(subject), msg.resetTotpQuestion(), "reset-totp", msg.resetTotp());
    }

    @POST
    @Path("{subject}/reset-totp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response reset(@PathParam("subject") String raw) {
        String subject = known(raw);
        if (fourEyes.request(TotpResetAction.ID, subject, Map.of(), caller.get()).isPresent()) {
            return done(subject, "requested");
        }
        totp.reset(subject, caller.get());
        return done(subject, "reset");
    }

    @GET
    @Path("{subject}/access-pass")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance passForm(@PathParam("subject") String raw) {
        return Templates.passForm(viewer(), people.byKey("subject", raw));
    }

    /** The pass, shown once; or, for a protected person, a request that a second admin approves. */
    @POST
    @Path("{subject}/access-pass")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response issuePass(@PathParam("subject") String raw, @RestForm String lifetimeMinutes,
            @RestForm boolean singleUse) {
        String subject = people.byKey("subject", raw);
        int minutes = LIFETIMES.stream().filter(m -> m.toString().equals(lifetimeMinutes)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("lifetimeMinutes", "must be one of " + LIFETIMES));
        PassRequest request = new PassRequest(minutes, singleUse);
        if (fourEyes.request(PassIssueAction.ID, subject, PassIssueAction.parameters(request), caller.get())
                .isPresent()) {
            return done(subject, "requested");
        }
        return ConsoleResponses.shownOnce(Templates.issuedPass(viewer(), passes.issue(subject, request, caller.get())));
    }

    @POST
    @Path("{subject}/access-passes/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response revokePass(@PathParam("subject") String raw, @PathParam("id") String id) {
        String subject = people.byKey("subject", raw);
        passes.revoke(subject, id, caller.get());
        return done(subject, "revoked");
    }

    @GET
    @Path("{subject}/unlock")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmUnlock(@PathParam("subject") String raw) {
        String subject = known(raw);
        ConsoleMessages msg = language.messages();
        return confirm(subject, msg.unlockTitle(subject), msg.unlockQuestion(), "unlock", msg.unlock());
    }

    @POST
    @Path("{subject}/unlock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response unlock(@PathParam("subject") String raw) {
        String subject = known(raw);
        totp.unlock(subject, caller.get());
        return done(subject, "unlocked");
    }

    private TemplateInstance confirm(String subject, String title, String question, String action, String button) {
        String base = "/console/subjects/" + ConsoleExtensions.path(subject);
        return new Confirmation(title, question, base + "/" + action, button, base).page(viewer());
    }

    private String known(String raw) {
        return subjects.require(people.byKey("subject", raw)).subject;
    }

    private static Response done(String subject, String what) {
        return ConsoleResponses.seeOther("/console/subjects/" + ConsoleExtensions.path(subject), "done", what);
    }

    private Viewer viewer() {
        return Viewer.of(identity, "subjects");
    }
}
