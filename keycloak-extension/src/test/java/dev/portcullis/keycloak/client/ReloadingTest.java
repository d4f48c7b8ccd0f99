package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewed file is used; a broken renewal is not, and the last good one stays; the file is not read at every call. */
class ReloadingTest {

    @TempDir
    Path dir;

    final AtomicInteger loads = new AtomicInteger();

    /** A "store" that is the file's text, refused when it says BROKEN (a half-written file, a wrong password). */
    String load(byte[] content) throws GeneralSecurityException {
        loads.incrementAndGet();
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.contains("BROKEN")) {
            throw new GeneralSecurityException("cannot be parsed");
        }
        return text;
    }

    @Test
    void aRenewedFileIsUsedAndABrokenOneIsNot() throws Exception {
        Path file = Files.writeString(dir.resolve("store"), "first");
        Reloading<String> store = new Reloading<>(file, "key-store", this::load, Duration.ofMillis(100));
        assertThat(store.get()).isEqualTo("first");

        Files.writeString(file, "renewed");
        assertThat(store.get()).as("not looked at again before the interval").isEqualTo("first");
        Thread.sleep(150);
        assertThat(store.get()).isEqualTo("renewed");
        assertThat(store.current()).isEqualTo("renewed");

        Files.writeString(file, "BROKEN half of a file");
        Thread.sleep(150);
        assertThat(store.get()).as("a broken renewal keeps the last good store").isEqualTo("renewed");
        int loadsSoFar = loads.get();
        Thread.sleep(150);
        store.get();
        assertThat(loads.get()).as("the same broken file is not parsed again").isEqualTo(loadsSoFar);

        Files.delete(file);
        Thread.sleep(150);
        assertThat(store.get()).as("a file gone for a moment (a secret being swapped)").isEqualTo("renewed");

        Files.writeString(file, "fixed");
        Thread.sleep(150);
        assertThat(store.get()).isEqualTo("fixed");
    }

    @Test
    void anUnchangedFileIsNotParsedAgain() throws Exception {
        Path file = Files.writeString(dir.resolve("store"), "same");
        Reloading<String> store = new Reloading<>(file, "trust-store", this::load, Duration.ofMillis(50));
        for (int i = 0; i < 5; i++) {
            Thread.sleep(60);
            assertThat(store.get()).isEqualTo("same");
        }
        assertThat(loads.get()).isEqualTo(1);
    }

    @Test
    void atStartupAnUnusableFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("store"), "BROKEN");
        assertThatThrownBy(() -> new Reloading<>(file, "key-store", this::load, Duration.ofSeconds(10)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new Reloading<>(dir.resolve("missing"), "key-store", this::load, Duration.ofSeconds(10)))
                .hasMessageContaining("key-store").hasMessageContaining("cannot be read");
    }
}
