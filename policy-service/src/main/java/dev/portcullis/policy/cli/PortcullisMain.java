package dev.portcullis.policy.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The packaged service's entry point. With no arguments it serves; {@code audit verify} runs the
 * command-line verifier instead, against the same database and without opening the HTTP port, and
 * {@code keys verify} checks that the master key opens the stored TOTP secrets;
 * {@code corpus import} builds the breached-password corpus without starting the service at all.
 */
@QuarkusMain
public final class PortcullisMain {

    private PortcullisMain() {
    }

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        if (args.length >= 2 && "audit".equals(args[0]) && "verify".equals(args[1])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
            Quarkus.run(AuditVerifyCommand.class, args);
            return;
        }
        if (args.length == 2 && "keys".equals(args[0]) && "verify".equals(args[1])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
            Quarkus.run(KeysVerifyCommand.class, args);
            return;
        }
        if (args.length >= 2 && "corpus".equals(args[0]) && "import".equals(args[1])) {
            System.exit(CorpusImportCommand.run(args));
            return;
        }
        System.err.println(AuditVerifyCommand.USAGE);
        System.exit(2);
    }
}
