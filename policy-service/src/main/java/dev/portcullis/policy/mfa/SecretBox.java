package dev.portcullis.policy.mfa;

import dev.portcullis.policy.crypto.MasterKey;
import dev.portcullis.policy.crypto.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals TOTP secrets with AES-256-GCM under a key derived from the master secret. The associated
 * data binds each ciphertext to its key id and subject, so a sealed secret copied to another
 * subject's row does not open.
 */
@ApplicationScoped
public class SecretBox {

    static final String PURPOSE = "totp-secret/aes-256-gcm";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;

    @Inject
    public SecretBox(MasterKey masterKey) {
        this(masterKey.derive(PURPOSE, 32), masterKey.keyId());
    }

    SecretBox(byte[] key, String keyId) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }

    /** base64(nonce || ciphertext || tag). */
    public String seal(String plaintext, String subject) {
        byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, subject, keyId);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.US_ASCII));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    public String open(String sealed, String subject, String sealedKeyId) {
        if (!keyId.equals(sealedKeyId)) {
            throw new IllegalStateException("secret sealed under key " + sealedKeyId + ", this service holds "
                    + keyId + ": is PORTCULLIS_MASTER_KEY the one the data was written with?");
        }
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, subject, sealedKeyId);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret failed authentication (tampered or misplaced)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String subject, String kid) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("portcullis/totp/v1|" + kid + "|" + subject).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
