package dev.portcullis.keycloak.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceConnection;
import org.junit.jupiter.api.Test;

/**
 * The shape of the extension: {@code journal} (events waiting in Keycloak's database) at the bottom,
 * then {@code client} (the node's one connection to the policy service), {@code mfa}, {@code password} and {@code events} on top of it and not of each other,
 * and only the connection's own factory ever builds a client.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.portcullis.keycloak");

    @Test
    void noPackageCycles() {
        slices().matching("dev.portcullis.keycloak.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theClientPackageStandsAlone() {
        noClasses().that().resideInAPackage("dev.portcullis.keycloak.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.keycloak.mfa..",
                        "dev.portcullis.keycloak.password..", "dev.portcullis.keycloak.events..")
                .check(MAIN);
    }

    /** The journal is storage alone: it knows nothing of the connection or the providers above it. */
    @Test
    void theJournalDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.portcullis.keycloak.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.keycloak.client..",
                        "dev.portcullis.keycloak.mfa..", "dev.portcullis.keycloak.password..",
                        "dev.portcullis.keycloak.events..")
                .check(MAIN);
    }

    @Test
    void theProvidersAreIndependentOfEachOther() {
        slices().matching("dev.portcullis.keycloak.(mfa|password|events)..").should().notDependOnEachOther()
                .check(MAIN);
    }

    /** One connection per node: providers take it from the session, they never build a client of their own. */
    @Test
    void onlyTheConnectionBuildsAClient() {
        noClasses().that().resideOutsideOfPackage("dev.portcullis.keycloak.client..")
                .should().callConstructor(PolicyServiceClient.class,
                        dev.portcullis.keycloak.client.PolicyServiceSettings.class)
                .because("every provider shares the node's PolicyServiceConnection")
                .check(MAIN);
        classes().that().implement(PolicyServiceConnection.class).should()
                .resideInAPackage("dev.portcullis.keycloak.client..").check(MAIN);
    }
}
