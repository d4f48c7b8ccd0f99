package dev.portcullis.policy.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority for one test, made with the JDK's keytool (nothing downloaded): its
 * certificate as PEM ({@link #pem()}), and PKCS#12 stores holding a key and the certificate it signed
 * for a name, with the chain ({@link #issue}). The end-to-end tests use this one too (the "tests" jar).
 */
public final class TestCa {

    public static final String PASSWORD = "test-store-password";

    private final Path dir;
    private final Path store;
    private final Path pem;

    private TestCa(Path dir) {
        this.dir = dir;
        this.store = dir.resolve("ca.p12");
        this.pem = dir.resolve("ca.pem");
    }

    public static TestCa create(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", ca.store.toString(), "-storepass", PASSWORD,
                "-file", ca.pem.toString());
        return ca;
    }

    /** The CA's certificate, PEM. */
    public Path pem() {
        return pem;
    }

    /**
     * A PKCS#12 store (password {@link #PASSWORD}) with a new key for {@code name} and its certificate
     * signed by this CA, with {@code subjectAlternativeNames} (e.g. {@code ip:127.0.0.1}) if given.
     */
    public Path issue(String name, String subjectAlternativeNames) throws IOException, InterruptedException {
        Path keys = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".crt");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", keys.toString(), "-storepass", PASSWORD,
                "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-infile", request.toString(), "-outfile", certificate.toString(), "-rfc",
                "-validity", "2", "-ext", "eku=serverAuth,clientAuth"));
        if (subjectAlternativeNames != null) {
            sign.addAll(List.of("-ext", "san=" + subjectAlternativeNames));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-alias", "ca", "-file", pem.toString(), "-keystore", keys.toString(),
                "-storepass", PASSWORD, "-noprompt");
        keytool("-importcert", "-alias", name, "-file", certificate.toString(), "-keystore", keys.toString(),
                "-storepass", PASSWORD, "-noprompt");
        return keys;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + ": " + output);
        }
    }
}
