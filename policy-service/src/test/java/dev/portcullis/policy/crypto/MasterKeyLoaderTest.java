package dev.portcullis.policy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyLoaderTest {

    @TempDir
    Path temp;

    @Test
    void theEmbeddedDefaultGeneratesAPrivateKeyOnceAndKeepsIt() throws Exception {
        Path home = temp.resolve("data");
        byte[] first = MasterKeyLoader.load(Optional.empty(), false, home);
        Path file = home.resolve(MasterKeyLoader.FILE_NAME);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(MasterKeyLoader.load(Optional.empty(), false, home)).isEqualTo(first);
    }

    @Test
    void aConfiguredKeyWinsAndNothingIsWritten() {
        byte[] key = new byte[32];
        key[0] = 7;
        byte[] loaded = MasterKeyLoader.load(Optional.of(Base64.getEncoder().encodeToString(key)), true, temp);
        assertThat(loaded).isEqualTo(key);
        assertThat(temp.resolve(MasterKeyLoader.FILE_NAME)).doesNotExist();
    }

    @Test
    void productionWithoutAKeyStopsAndSaysWhatToSet() {
        assertThatThrownBy(() -> MasterKeyLoader.load(Optional.empty(), true, temp))
                .isInstanceOf(MasterKeyLoader.MasterKeyException.class)
                .hasMessageContaining("PORTCULLIS_MASTER_KEY")
                .hasMessageContaining("openssl rand -base64 32");
        assertThat(temp.resolve(MasterKeyLoader.FILE_NAME)).doesNotExist();
    }

    @Test
    void malformedKeysAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> MasterKeyLoader.load(Optional.of("not base64 !!"), false, temp))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64 !!");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKeyLoader.load(Optional.of(short16), false, temp))
                .hasMessageContaining("32 bytes").hasMessageNotContaining(short16);
    }
}
