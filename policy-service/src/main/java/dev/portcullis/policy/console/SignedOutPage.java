package dev.portcullis.policy.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Where Keycloak sends people back to after signing out of the console. Open to anyone. */
@Path("/console/signed-out")
@Produces(MediaType.TEXT_HTML)
public class SignedOutPage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance signedOut();
    }

    @GET
    @PermitAll
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }
}
