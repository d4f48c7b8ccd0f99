package dev.portcullis.policy.console;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every console page is rendered in the language of the request that asks for it: each template
 * instance under {@code console/} gets the request's locale when it is created, so that
 * {@code {msg:...}} picks the right words.
 */
@ApplicationScoped
public class ConsoleTemplatesLanguage {

    void speakTheRequestsLanguage(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(instance -> {
            if (instance.getTemplate().getId().startsWith("console/") && Arc.container().requestContext().isActive()) {
                instance.setLocale(Arc.container().instance(ConsoleLanguage.class).get().locale());
            }
        });
    }
}
