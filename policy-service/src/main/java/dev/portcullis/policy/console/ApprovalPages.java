package dev.portcullis.policy.console;

import dev.portcullis.policy.approvals.ApprovalView;
import dev.portcullis.policy.approvals.FourEyes;
import dev.portcullis.policy.passes.IssuedPass;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.subjects.SubjectState;
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

/**
 * {@code /console/approvals}: what waits for a second admin (a reset of, or a pass for, a protected
 * person), and the approval or rejection. An approved pass is shown to the approver, once.
 */
@Path("/console/approvals")
@Produces(MediaType.TEXT_HTML)
public class ApprovalPages {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance approvals(Viewer viewer, List<ApprovalView> approvals,
                java.util.Map<String, String> names, String me, String done);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    FourEyes fourEyes;

    @Inject
    CurrentCaller caller;

    @Inject
    SubjectRegistry subjects;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance list(@QueryParam("done") String done) {
        List<ApprovalView> approvals = fourEyes.list(null);
        return Templates.approvals(viewer(), approvals, names(approvals), caller.get().actor(), done);
    }

    /** What to call each person a request is about: their login name now (requests keep their key). */
    private java.util.Map<String, String> names(List<ApprovalView> approvals) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        approvals.stream().map(ApprovalView::subject).distinct().forEach(subject -> names.put(subject,
                subjects.find(subject).map(SubjectState::nameNow).orElse(subject)));
        return names;
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response approve(@PathParam("id") String id) {
        FourEyes.Approved approved = fourEyes.approve(id, caller.get());
        if (approved.result() instanceof IssuedPass pass) {
            return ConsoleResponses.shownOnce(SubjectPages.Templates.issuedPass(viewer(), pass));
        }
        return ConsoleResponses.seeOther("/console/approvals", "done", "approved");
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response reject(@PathParam("id") String id) {
        fourEyes.reject(id, caller.get());
        return ConsoleResponses.seeOther("/console/approvals", "done", "rejected");
    }

    private Viewer viewer() {
        return Viewer.of(identity, "approvals");
    }
}
