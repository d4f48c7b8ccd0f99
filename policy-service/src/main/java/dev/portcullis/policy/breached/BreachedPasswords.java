package dev.portcullis.policy.breached;

import dev.portcullis.policy.config.PortcullisConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Is a password known to be breached? Looks in the imported corpus (memory-mapped, loaded at
 * startup) and in the built-in list of common passwords. Only the first 64 bits of the SHA-1 are
 * ever computed from the password, in memory, and never kept.
 */
@Startup
@ApplicationScoped
public class BreachedPasswords {

    /** File name of the imported corpus in the data directory. */
    public static final String DEFAULT_FILE = "breached-passwords.pcb";

    private static final Logger LOG = Logger.getLogger(BreachedPasswords.class);

    private final CorpusFile imported;
    private final CommonPasswords common;

    /** A breached password: {@code count} is null when only the built-in list (without counts) knows it. */
    public record Match(Long count, String source) {
    }

    @Inject
    public BreachedPasswords(PortcullisConfig config) {
        this(openImported(config), config.credentials().commonPasswords() ? CommonPasswords.load() : null);
    }

    BreachedPasswords(CorpusFile imported, CommonPasswords common) {
        this.imported = imported;
        this.common = common;
    }

    public Optional<Match> lookup(String password) {
        long h = Sha1Prefix.of(password);
        if (imported != null) {
            long count = imported.count(h);
            if (count >= 0) {
                return Optional.of(new Match(count, "imported"));
            }
        }
        if (common != null) {
            String lowerCase = password.toLowerCase(Locale.ROOT);
            if (common.contains(h) || !lowerCase.equals(password) && common.contains(Sha1Prefix.of(lowerCase))) {
                return Optional.of(new Match(null, "common"));
            }
        }
        return Optional.empty();
    }

    /** The imported corpus, if any. */
    public Optional<CorpusFile> imported() {
        return Optional.ofNullable(imported);
    }

    static Path defaultPath(String home) {
        return Path.of(home).toAbsolutePath().resolve(DEFAULT_FILE);
    }

    private static CorpusFile openImported(PortcullisConfig config) {
        Optional<String> configured = config.credentials().breachedCorpus();
        Path path = configured.map(Path::of).orElseGet(() -> defaultPath(config.home()));
        if (!Files.exists(path)) {
            if (configured.isPresent()) {
                throw new IllegalStateException("PORTCULLIS_CREDENTIALS_BREACHED_CORPUS names " + path
                        + ", which does not exist. Import a corpus there (java -jar quarkus-run.jar corpus import)"
                        + " or unset it.");
            }
            LOG.infof("No imported breached-password corpus at %s: the built-in list of common passwords applies."
                    + " Import Have I Been Pwned's list with 'corpus import'.", path);
            return null;
        }
        CorpusFile corpus = CorpusFile.open(path);
        LOG.infof("Breached-password corpus %s: %,d hashes, imported %s", path, corpus.entries(), corpus.createdAt());
        return corpus;
    }
}
