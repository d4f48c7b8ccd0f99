package dev.portcullis.policy.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** How console pages answer: a page with a status, a page never cached, or back to a page after a post. */
final class ConsoleResponses {

    private ConsoleResponses() {
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }

    /** A page that shows a secret once: the browser must neither cache nor store it. */
    static Response shownOnce(TemplateInstance page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store").build();
    }

    /** Post, redirect, get: {@code path?param=value}, so that a reload does not post again. */
    static Response seeOther(String path, String param, String value) {
        return Response.seeOther(URI.create(path + "?" + param + "=" + ConsoleExtensions.path(value))).build();
    }
}
