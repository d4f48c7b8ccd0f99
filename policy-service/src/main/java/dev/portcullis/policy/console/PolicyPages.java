package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyStore;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /console/policies}: list, create, edit and delete MFA policies. Saving goes through a
 * preview that says how many known subjects the change affects; deleting through a confirmation
 * with the same preview.
 */
@Path("/console/policies")
@Produces(MediaType.TEXT_HTML)
public class PolicyPages {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance policies(Viewer viewer, List<NamedPolicy> policies, String saved,
                String deleted);

        static native TemplateInstance policyForm(Viewer viewer, PolicyForm form, boolean existing,
                Map<String, String> errors, PolicyPreview preview);

        static native TemplateInstance policyDelete(Viewer viewer, String name, PolicyPreview preview);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    PolicyStore store;

    @Inject
    KnownSubjects known;

    @Inject
    CurrentCaller caller;

    @Inject
    Validator validator;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance list(@QueryParam("saved") String saved, @QueryParam("deleted") String deleted) {
        return Templates.policies(viewer(), store.list(), saved, deleted);
    }

    @GET
    @Path("new")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance create() {
        return Templates.policyForm(viewer(), PolicyForm.blank(), false, Map.of(), null);
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance edit(@PathParam("name") String name) {
        return Templates.policyForm(viewer(), PolicyForm.of(find(name)), true, Map.of(), null);
    }

    /**
     * The form's two buttons: {@code preview} shows what the change would do (and offers to save);
     * {@code save} saves. Wrong fields come back with their messages, nothing saved.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response submit(@RestForm String name, @RestForm String groups, @RestForm String roles,
            @RestForm String clients, @RestForm boolean required, @RestForm boolean totp, @RestForm boolean webauthn,
            @RestForm String graceDays, @RestForm String effectiveFrom, @RestForm String reuse,
            @RestForm String variantReuse, @RestForm String breached, @RestForm String minLength,
            @RestForm String binding, @RestForm boolean existing, @RestForm String action) {
        PolicyForm form = new PolicyForm(name == null ? "" : name.trim(), groups, roles, clients, required, totp,
                webauthn, graceDays, effectiveFrom, reuse, variantReuse, breached, minLength, binding);
        PolicyForm.Parsed parsed = form.parse(validator);
        if (parsed.document() == null) {
            return ConsoleResponses.html(400, Templates.policyForm(viewer(), form, existing, parsed.errors(), null));
        }
        if (!"save".equals(action)) {
            PolicyPreview preview = PolicyPreview.of(known, store.list(), form.name(), parsed.document(),
                    Instant.now());
            return ConsoleResponses.html(200, Templates.policyForm(viewer(), form, existing, Map.of(), preview));
        }
        store.save(form.name(), parsed.document(), caller.get());
        return ConsoleResponses.seeOther("/console/policies", "saved", form.name());
    }

    @GET
    @Path("{name}/delete")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmDelete(@PathParam("name") String name) {
        find(name);
        return Templates.policyDelete(viewer(), name,
                PolicyPreview.of(known, store.list(), name, null, Instant.now()));
    }

    @POST
    @Path("{name}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name) {
        store.delete(name, caller.get());
        return ConsoleResponses.seeOther("/console/policies", "deleted", name);
    }

    private NamedPolicy find(String name) {
        return store.find(name).orElseThrow(() -> ApiProblem.notFound("No policy named '" + name + "'."));
    }

    private Viewer viewer() {
        return Viewer.of(identity, "policies");
    }
}
