package dev.portcullis.policy.cli;

import dev.portcullis.policy.audit.AuditChainer;
import dev.portcullis.policy.audit.AuditVerifier;
import dev.portcullis.policy.audit.VerifyResult;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code java -jar quarkus-run.jar audit verify [--from T] [--to T]}: the same check as
 * {@code GET /api/v1/audit/verify}, straight on the database, for when the service is down or not
 * trusted; {@code --from} and {@code --to} select events by when they were recorded. Exit 0: intact;
 * 1: broken (the first broken event is named); 2: usage.
 */
public class AuditVerifyCommand implements QuarkusApplication {

    static final String USAGE = "usage: java -jar quarkus-run.jar                      (serve)\n"
            + "       java -jar quarkus-run.jar audit verify [--from 2026-01-01T00:00:00Z] [--to ...]  (recording time)\n"
            + "       java -jar quarkus-run.jar keys verify\n"
            + "       java -jar quarkus-run.jar corpus import <HASH:COUNT file | directory of range files> [--out FILE]";

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditChainer chainer;

    @Override
    public int run(String... args) {
        PrintStream out = System.out;
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        try {
            for (int i = 2; i < args.length; i++) {
                switch (args[i]) {
                    case "--from" -> from = Optional.of(Instant.parse(args[++i]));
                    case "--to" -> to = Optional.of(Instant.parse(args[++i]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            System.err.println("audit verify: " + (e instanceof DateTimeParseException
                    ? "times are ISO-8601 instants such as 2026-01-31T00:00:00Z" : e.getMessage()));
            System.err.println(USAGE);
            return 2;
        }
        out.println("Verifying the audit chain...");
        chainer.chainAll();
        VerifyResult result = verifier.verify(from, to);
        if (result.valid()) {
            out.printf("OK: %d events checked, the chain is intact.%n", result.checked());
            return 0;
        }
        out.printf("BROKEN at event %d: %s (%d events checked before it).%n", result.firstBrokenId(),
                result.reason(), result.checked());
        return 1;
    }
}
