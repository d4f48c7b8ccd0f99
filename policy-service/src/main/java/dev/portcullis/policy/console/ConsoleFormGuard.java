package dev.portcullis.policy.console;

import dev.portcullis.policy.problem.Problem;
import dev.portcullis.policy.security.ConsolePaths;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every change made through the console is a form post, and the CSRF filter checks the token of
 * every form post. A console POST that is not a form (so would skip that check) is refused here.
 */
public class ConsoleFormGuard {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> onlyForms(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod())
                || !ConsolePaths.isConsole(request.getUriInfo())) {
            return Optional.empty();
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                "Console changes are made through the console's own forms.").toResponse());
    }
}
