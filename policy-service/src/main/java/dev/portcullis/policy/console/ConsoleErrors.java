package dev.portcullis.policy.console;

import dev.portcullis.policy.problem.Problem;
import dev.portcullis.policy.security.ConsolePaths;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * On console pages, the problems the API would answer in JSON (403, 404, a bad field...) become a
 * page that says the same in words, inside the console's layout, with the same status.
 */
public class ConsoleErrors {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance error(Viewer viewer, int status, String title, String detail);
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    ConsoleLanguage language;

    @ServerResponseFilter
    public void asPage(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem)
                || !ConsolePaths.isConsole(request.getUriInfo())) {
            return;
        }
        // nobody is signed in on a 401, and asking who would fail the same way again
        Viewer viewer = Viewer.of(problem.status() == 401 ? null : identity, "");
        ConsoleMessages msg = language.messages();
        String title = problem.status() == 403 ? msg.forbiddenTitle() : problem.title();
        String detail = problem.status() == 403
                ? (viewer.member() ? msg.readOnlyRole(msg.role(viewer.role()))
                        : viewer.withoutSecondFactor() ? msg.noSecondFactor() : msg.noConsoleRole())
                : problem.detail();
        response.setEntity(Templates.error(viewer, problem.status(), title, detail).render(), null,
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
