package dev.portcullis.policy.problem;

import dev.portcullis.policy.config.PortcullisConfig;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Caps request bodies of the API, whether or not they announce a Content-Length, and answers an
 * over-large one with a 413 problem. (The HTTP layer's own limit, quarkus.http.limits.max-body-size,
 * stays above this one as a last resort.)
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, PortcullisConfig config) {
        long limit = config.http().maxBodySize().asLongValue();
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(limit);
        router.route("/api/*").order(-100).handler(context -> {
            if ("0".equals(context.request().getHeader("Content-Length"))) {
                context.next(); // nothing to read; REST sees the empty body itself
            } else {
                reader.handle(context);
            }
        });
        router.route("/api/*").order(-100).failureHandler(context -> {
            if (context.statusCode() != 413 || context.response().ended()) {
                context.next();
                return;
            }
            tooLarge(context, limit);
        });
    }

    private static void tooLarge(RoutingContext context, long limit) {
        Problem problem = Problem.of(413, "The request body is larger than " + limit / 1024
                + " KiB; send less at a time.").withInstance(context.request().path());
        context.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(problem));
    }
}
