package dev.portcullis.policy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the policy service, checked on every build: one package per capability with no
 * cycle between them, {@code security} standing on configuration, crypto and problems alone, and
 * the layering rule (resource, then service or store, then persistence). A change that breaks one
 * fails here with the classes that break it.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.portcullis.policy");

    @Test
    void noPackageCycles() {
        slices().matching("dev.portcullis.policy.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void securityDependsOnlyOnConfigurationCryptoAndProblems() {
        classes().that().resideInAPackage("dev.portcullis.policy.security..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.portcullis.policy.security..",
                        "dev.portcullis.policy.config..", "dev.portcullis.policy.crypto..",
                        "dev.portcullis.policy.problem..", "java..", "javax.net.ssl..", "jakarta..", "io.quarkus..", "io.smallrye..",
                        "io.vertx..", "io.micrometer..", "org.eclipse.microprofile..", "org.jboss.logging..", "")
                .check(MAIN);
    }

    @Test
    void problemsAndConfigurationAreLeaves() {
        noClasses().that().resideInAnyPackage("dev.portcullis.policy.problem..", "dev.portcullis.policy.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.policy.security..",
                        "dev.portcullis.policy.audit..", "dev.portcullis.policy.console..",
                        "dev.portcullis.policy.services..", "dev.portcullis.policy.mfa..")
                .check(MAIN);
    }

    /** Resources are the top: nothing calls into one, and none reaches the database but through a service or store. */
    @Test
    void layeringResourceThenServiceOrStoreThenPersistence() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Resource")
                .check(MAIN);
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().resideInAPackage("dev.portcullis.policy.persistence..")
                .check(MAIN);
    }

    /** Console pages (everything served under /console) stay in the console package. */
    @Test
    void consolePagesStayInTheConsole() {
        classes().that().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .and(com.tngtech.archunit.base.DescribedPredicate.describe("served under /console",
                        c -> c.getAnnotationOfType(jakarta.ws.rs.Path.class).value().startsWith("/console")))
                .should().resideInAPackage("dev.portcullis.policy.console..")
                .check(MAIN);
    }
}
