package dev.portcullis.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleSignInTest {

    @Test
    void withoutAnIssuerThereIsNoSignInAndNoPersonToken() {
        assertThat(ConsoleSignIn.selection(false)).containsEntry("quarkus.oidc.tenant-enabled", "false");
    }

    @Test
    void withAnIssuerTheConsoleSignsInThroughIt() {
        assertThat(ConsoleSignIn.selection(true)).containsEntry("quarkus.oidc.tenant-enabled", "true");
    }
}
