package dev.portcullis.policy.console;

import dev.portcullis.policy.problem.ProblemMappers;
import dev.portcullis.policy.security.ConsolePaths;
import io.quarkus.oidc.OIDCException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * When Keycloak cannot be reached (not started yet, or down), signing in to the console or checking
 * a person's token fails before any endpoint runs. That is a 503 with a clear message, not a 500:
 * a page on the console, a problem on the API. Keycloak is asked again on the next request.
 */
@ApplicationScoped
public class SignInUnavailable {

    private static final Logger LOG = Logger.getLogger(SignInUnavailable.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        if (!(causedByOidc(context.failure())) || context.response().headWritten()) {
            context.next();
            return;
        }
        LOG.warnf("Sign-in provider unavailable on %s: %s", context.normalizedPath(), context.failure().getMessage());
        if (ConsolePaths.isConsole(context.normalizedPath())) {
            context.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .putHeader("Retry-After", "5")
                    .end(SignInUnavailablePage.render(context.request()));
        } else {
            context.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader("Retry-After", "5")
                    .end(new JsonObject().put("type", "about:blank").put("title", "Service Unavailable")
                            .put("status", 503).put("detail", ProblemMappers.SIGN_IN_UNAVAILABLE).put("instance", context.normalizedPath())
                            .encode());
        }
    }

    private static boolean causedByOidc(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }
}
