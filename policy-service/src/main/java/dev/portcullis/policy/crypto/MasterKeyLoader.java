package dev.portcullis.policy.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Finds the master secret: from configuration, else (embedded default only) from the data
 * directory, where the first start generates it with mode 0600.
 */
public final class MasterKeyLoader {

    public static final String FILE_NAME = "master.key";
    static final int KEY_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(MasterKeyLoader.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private MasterKeyLoader() {
    }

    public static byte[] load(Optional<String> configured, boolean required, Path home) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return decode(configured.get().trim(), "PORTCULLIS_MASTER_KEY");
        }
        if (required) {
            throw new MasterKeyException("PORTCULLIS_MASTER_KEY is not set. This deployment (profile production,"
                    + " or a PostgreSQL database shared by replicas) needs the same master key on every replica:"
                    + " generate one with `openssl rand -base64 32` and set PORTCULLIS_MASTER_KEY to it.");
        }
        Path file = home.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            return generate(home, file);
        } catch (IOException e) {
            throw new MasterKeyException("Cannot read or create the master key at " + file + ": " + e.getMessage()
                    + ". Make the data directory (PORTCULLIS_HOME) writable, or set PORTCULLIS_MASTER_KEY.");
        }
    }

    private static byte[] generate(Path home, Path file) throws IOException {
        createPrivateDirectory(home);
        byte[] key = Secrets.randomBytes(KEY_BYTES);
        String encoded = Base64.getEncoder().encodeToString(key) + "\n";
        try {
            if (supportsPosix(home)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        }
        LOG.warnf("Generated a new master key at %s (mode 0600). It protects every stored secret: back it up,"
                + " and set PORTCULLIS_MASTER_KEY instead in production.", file.toAbsolutePath());
        return key;
    }

    private static void createPrivateDirectory(Path home) throws IOException {
        if (Files.isDirectory(home)) {
            return;
        }
        if (supportsPosix(home.toAbsolutePath().getParent())) {
            Files.createDirectories(home, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(home);
        }
    }

    private static boolean supportsPosix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException(source + " is not valid base64. Generate a key with `openssl rand -base64 32`.");
        }
        if (key.length != KEY_BYTES) {
            throw new MasterKeyException(source + " must decode to 32 bytes, not " + key.length
                    + ". Generate a key with `openssl rand -base64 32`.");
        }
        return key;
    }

    /** Startup stops with this; the message says what to set. It never contains key material. */
    public static final class MasterKeyException extends RuntimeException {
        public MasterKeyException(String message) {
            super(message);
        }
    }
}
