package dev.portcullis.policy.security;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.UriInfo;

/** The admin console's pages, signed in to through OIDC, as opposed to the bearer-token API. */
public final class ConsolePaths {

    public static final String ROOT = "/console";

    private ConsolePaths() {
    }

    public static boolean isConsole(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    /** For a JAX-RS filter, whose request path may come with or without its leading slash. */
    public static boolean isConsole(UriInfo uri) {
        String path = uri.getPath();
        return isConsole(path.startsWith("/") ? path : "/" + path);
    }

    static boolean isConsole(RoutingContext context) {
        return isConsole(context.normalizedPath());
    }
}
