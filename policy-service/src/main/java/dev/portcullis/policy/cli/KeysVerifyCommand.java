package dev.portcullis.policy.cli;

import dev.portcullis.policy.mfa.SealedSecrets;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

/**
 * {@code java -jar quarkus-run.jar keys verify}: opens every stored TOTP secret with the configured
 * master key. Exit 0: all open (a restored database and its key belong together); 1: some or all do not
 * (the wrong key, or tampered rows), with the first one named.
 */
public class KeysVerifyCommand implements QuarkusApplication {

    @Inject
    SealedSecrets secrets;

    @Override
    public int run(String... args) {
        System.out.println("Opening the stored TOTP secrets with this master key...");
        SealedSecrets.Check check = secrets.check();
        if (check.allOpen()) {
            System.out.printf("OK: %d of %d TOTP secrets open with this master key.%n", check.opened(), check.total());
            return 0;
        }
        System.out.printf("WRONG KEY OR TAMPERED DATA: %d of %d TOTP secrets open; first failure: %s%n",
                check.opened(), check.total(), check.firstFailure());
        return 1;
    }
}
