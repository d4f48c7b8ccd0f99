package dev.portcullis.policy.config;

import io.smallrye.config.EnvConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Secrets from systemd's credentials ({@code LoadCredential=PORTCULLIS_MASTER_KEY:/etc/...}): every file in
 * {@code $CREDENTIALS_DIRECTORY} is read as the environment variable of its name, so the master key, the
 * database password and the console's secrets never sit in a unit file, an environment file or the
 * process environment. A real environment variable of the same name wins (ordinal 295, under the
 * environment's 300). Without {@code $CREDENTIALS_DIRECTORY} it holds nothing.
 */
public class SystemdCredentials extends EnvConfigSource {

    static final int ORDINAL = 295;
    static final long MAX_SIZE = 64 * 1024;

    public SystemdCredentials() {
        this(System.getenv("CREDENTIALS_DIRECTORY"));
    }

    SystemdCredentials(String directory) {
        super(read(directory), ORDINAL);
    }

    @Override
    public String getName() {
        return "systemd credentials";
    }

    static Map<String, String> read(String directory) {
        Map<String, String> values = new HashMap<>();
        if (directory == null || directory.isBlank()) {
            return values;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(directory))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.matches("[A-Z][A-Z0-9_]*") && Files.isRegularFile(file) && Files.size(file) <= MAX_SIZE) {
                    values.put(name, Files.readString(file, StandardCharsets.UTF_8).strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the credentials in " + directory + ": " + e.getMessage(), e);
        }
        return values;
    }
}
