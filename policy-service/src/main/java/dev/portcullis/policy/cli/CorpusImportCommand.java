package dev.portcullis.policy.cli;

import dev.portcullis.policy.breached.BreachedPasswords;
import dev.portcullis.policy.breached.CorpusException;
import dev.portcullis.policy.breached.CorpusImporter;
import dev.portcullis.policy.breached.HibpInput;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code java -jar quarkus-run.jar corpus import <input> [--out FILE]}: builds the breached-password
 * corpus from Have I Been Pwned's SHA-1 lists, showing progress on standard error. The default
 * output is {@code breached-passwords.pcb} in {@code PORTCULLIS_HOME}, where the service loads it
 * at its next start. Exit 0: done; 1: the input or output was unusable; 2: usage.
 */
final class CorpusImportCommand {

    private CorpusImportCommand() {
    }

    static int run(String... args) {
        Path input = null;
        Path out = null;
        for (int i = 2; i < args.length; i++) {
            if ("--out".equals(args[i]) && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (!args[i].startsWith("--") && input == null) {
                input = Path.of(args[i]);
            } else {
                return usage("unexpected argument " + args[i]);
            }
        }
        if (input == null) {
            return usage("name the input: a HASH:COUNT file or a directory of range files");
        }
        if (out == null) {
            out = Path.of(home()).toAbsolutePath().resolve(BreachedPasswords.DEFAULT_FILE);
        }
        long started = System.nanoTime();
        try {
            HibpInput source = HibpInput.of(input);
            System.err.printf(Locale.ROOT, "Importing %s (%,d MB) into %s%n", source.describe(),
                    source.totalBytes() >> 20, out);
            ConsoleProgress progress = new ConsoleProgress(System.err);
            CorpusImporter.Summary summary = CorpusImporter.run(source, out, progress);
            progress.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "Imported %,d hashes (%,d distinct) into %s: %,d MB, in %.1f s.%n",
                    summary.hashesRead(), summary.entries(), out, summary.bytes() >> 20, seconds);
            System.out.println("Restart the policy service to load it.");
            return 0;
        } catch (CorpusException e) {
            System.err.println();
            System.err.println("corpus import: " + e.getMessage());
            return 1;
        }
    }

    private static String home() {
        String home = System.getenv("PORTCULLIS_HOME");
        return System.getProperty("portcullis.home", home == null || home.isBlank() ? "./.portcullis" : home);
    }

    private static int usage(String problem) {
        System.err.println("corpus import: " + problem);
        System.err.println(AuditVerifyCommand.USAGE);
        return 2;
    }
}
