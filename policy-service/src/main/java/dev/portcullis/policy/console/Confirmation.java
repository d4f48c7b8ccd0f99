package dev.portcullis.policy.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/**
 * The page before an action that cannot be taken back: what it will do, one button that posts the
 * form (with its CSRF token) to {@code action}, and a way back to {@code cancel}.
 */
@TemplateData
public record Confirmation(String title, String question, String action, String button, String cancel) {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance confirm(Viewer viewer, Confirmation confirmation);
    }

    public TemplateInstance page(Viewer viewer) {
        return Templates.confirm(viewer, this);
    }
}
