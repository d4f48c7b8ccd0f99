package dev.portcullis.policy.console;

import dev.portcullis.policy.bootstrap.BootstrapTokenLedger;
import dev.portcullis.policy.bootstrap.BootstrapTokenStatus;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.problem.Problem;
import dev.portcullis.policy.security.CurrentCaller;
import dev.portcullis.policy.security.Roles;
import dev.portcullis.policy.services.CertificatePins;
import dev.portcullis.policy.services.IssuedKey;
import dev.portcullis.policy.services.Scope;
import dev.portcullis.policy.services.ServiceClientView;
import dev.portcullis.policy.services.ServiceRegistry;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code /console/services}: the services that call Portcullis with an API key. Admins create
 * them, rotate a key (the old one stops working at once), pin it to client certificates and revoke
 * them. A new key is shown once, never stored in clear and never shown again. Beside them, the
 * bootstrap admin token's state, which a signed-in admin switches off.
 */
@Path("/console/services")
@Produces(MediaType.TEXT_HTML)
public class ServicePages {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final List<String> PIN_FIELDS = List.of("pin1", "pin2");
    private static final Pattern PIN_INDEX = Pattern.compile("pins\\[([01])]");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance services(Viewer viewer, List<ServiceClientView> services, List<String> scopes,
                String name, List<String> chosen, Map<String, String> errors, String revoked, String pinned,
                BootstrapTokenStatus bootstrap, String done);

        static native TemplateInstance servicePins(Viewer viewer, String name, String pin1, String pin2,
                Map<String, String> errors);

        static native TemplateInstance issuedKey(Viewer viewer, IssuedKey issued, boolean rotated);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    ServiceRegistry registry;

    @Inject
    CurrentCaller caller;

    @Inject
    ConsoleLanguage language;

    @Inject
    BootstrapTokenLedger bootstrap;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public TemplateInstance list(@QueryParam("revoked") String revoked, @QueryParam("pinned") String pinned,
            @QueryParam("done") String done) {
        return page("", List.of(), Map.of(), revoked, pinned, done);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@RestForm String name, @RestForm List<String> scopes) {
        String trimmed = name == null ? "" : name.trim();
        List<String> chosen = scopes == null ? List.of() : scopes;
        TreeSet<Scope> parsed = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        chosen.forEach(s -> Scope.parse(s).ifPresentOrElse(parsed::add, () -> unknown.add(s)));
        if (!NAME.matcher(trimmed).matches()) {
            return ConsoleResponses.html(400, page(trimmed, chosen, Map.of("name", PolicyForm.NAME_RULE), null));
        }
        if (parsed.isEmpty() || !unknown.isEmpty()) {
            return ConsoleResponses.html(400, page(trimmed, chosen, Map.of("scopes", "choose at least one scope"),
                    null));
        }
        var inconsistent = Scope.inconsistency(parsed);
        if (inconsistent.isPresent()) {
            return ConsoleResponses.html(400, page(trimmed, chosen, Map.of("scopes", inconsistent.get()), null));
        }
        try {
            return ConsoleResponses.shownOnce(Templates.issuedKey(viewer(), registry.create(trimmed, parsed, List.of(), caller.get()), false));
        } catch (ApiProblem e) {
            if (e.toProblem().status() == 409) {
                return ConsoleResponses.html(409, page(trimmed, chosen, Map.of("name", "is taken by another service"),
                        null));
            }
            throw e;
        }
    }

    @GET
    @Path("{name}/rotate")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmRotate(@PathParam("name") String name) {
        registry.get(name);
        ConsoleMessages msg = language.messages();
        return new Confirmation(msg.rotateTitle(name), msg.rotateQuestion(name),
                "/console/services/" + ConsoleExtensions.path(name) + "/rotate", msg.rotateKey(), "/console/services")
                .page(viewer());
    }

    @POST
    @Path("{name}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response rotate(@PathParam("name") String name) {
        return ConsoleResponses.shownOnce(Templates.issuedKey(viewer(), registry.rotate(name, caller.get()), true));
    }

    @GET
    @Path("{name}/pins")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance pinsForm(@PathParam("name") String name) {
        List<String> pins = registry.get(name).certificatePins();
        return Templates.servicePins(viewer(), name, pins.isEmpty() ? "" : pins.get(0),
                pins.size() < 2 ? "" : pins.get(1), Map.of());
    }

    /** The pins in the form's two fields (an empty field is no pin); a bad one shows the form again with why. */
    @POST
    @Path("{name}/pins")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response pin(@PathParam("name") String name, @RestForm String pin1, @RestForm String pin2) {
        registry.get(name);
        List<String> inputs = Arrays.asList(pin1 == null ? "" : pin1, pin2 == null ? "" : pin2);
        List<String> fields = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).isBlank()) {
                fields.add(PIN_FIELDS.get(i));
                values.add(inputs.get(i));
            }
        }
        try {
            registry.pinCertificates(name, CertificatePins.parse("pins", values), caller.get());
        } catch (ApiProblem e) {
            Problem problem = e.toProblem();
            if (problem.status() != 400 || problem.errors().isEmpty()) {
                throw e;
            }
            Problem.FieldError error = problem.errors().get(0);
            Matcher indexed = PIN_INDEX.matcher(error.field());
            String field = indexed.matches() ? fields.get(Integer.parseInt(indexed.group(1))) : "pins";
            return ConsoleResponses.html(400, Templates.servicePins(viewer(), name, inputs.get(0), inputs.get(1),
                    Map.of(field, error.message())));
        }
        return ConsoleResponses.seeOther("/console/services", "pinned", name);
    }

    @GET
    @Path("{name}/revoke")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmRevoke(@PathParam("name") String name) {
        registry.get(name);
        ConsoleMessages msg = language.messages();
        return new Confirmation(msg.revokeTitle(name), msg.revokeQuestion(),
                "/console/services/" + ConsoleExtensions.path(name) + "/revoke", msg.revokeService(),
                "/console/services").page(viewer());
    }

    @POST
    @Path("{name}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response revoke(@PathParam("name") String name) {
        registry.delete(name, caller.get());
        return ConsoleResponses.seeOther("/console/services", "revoked", name);
    }

    /**
     * The bootstrap admin token's switch-off, by a person signed in here (never by the token, which
     * the console does not take): every replica refuses it from the next request.
     */
    @GET
    @Path("bootstrap-token/disable")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmBootstrapOff() {
        ConsoleMessages msg = language.messages();
        return new Confirmation(msg.bootstrapSwitchOffTitle(), msg.bootstrapSwitchOffQuestion(),
                "/console/services/bootstrap-token/disable", msg.bootstrapSwitchOff(), "/console/services")
                .page(viewer());
    }

    @POST
    @Path("bootstrap-token/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response bootstrapOff() {
        bootstrap.disable(caller.get());
        return ConsoleResponses.seeOther("/console/services", "done", "bootstrap-off");
    }

    private TemplateInstance page(String name, List<String> chosen, Map<String, String> errors, String revoked) {
        return page(name, chosen, errors, revoked, null, null);
    }

    private TemplateInstance page(String name, List<String> chosen, Map<String, String> errors, String revoked,
            String pinned, String done) {
        List<String> scopes = Arrays.stream(Scope.values()).map(Scope::id).toList();
        return Templates.services(viewer(), registry.list(), scopes, name, chosen, errors, revoked, pinned,
                bootstrap.status(), done);
    }

    private Viewer viewer() {
        return Viewer.of(identity, "services");
    }
}
