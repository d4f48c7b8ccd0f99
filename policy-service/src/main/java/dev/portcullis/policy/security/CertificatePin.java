package dev.portcullis.policy.security;

import dev.portcullis.policy.crypto.Secrets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A client certificate's public key, pinned: the SHA-256 of its SubjectPublicKeyInfo (the DER public
 * key), so that a certificate renewed with the same key keeps its pin and a new key needs a new one.
 * Written as 64 hex digits or as {@code sha256/<base64>} (HPKP, OkHttp; curl's {@code sha256//<base64>}
 * too); always stored and shown as {@code sha256/<base64>}. A pin is a hash of a public key: nothing
 * secret.
 */
public final class CertificatePin {

    static final String PREFIX = "sha256/";
    static final int DIGEST_BYTES = 32;
    /** Longer than any way of writing a pin; anything longer is not looked at. */
    static final int MAX_TEXT_LENGTH = 100;
    static final String SHAPE = "must be the SHA-256 of the certificate's public key (SubjectPublicKeyInfo):"
            + " 64 hex digits or sha256/<base64>";

    private final byte[] digest;

    private CertificatePin(byte[] digest) {
        this.digest = digest;
    }

    /**
     * The pin written in {@code text}, in either form, with surrounding spaces ignored.
     *
     * @throws IllegalArgumentException whose message says what is wrong, to follow a field's name
     */
    public static CertificatePin parse(String text) {
        String pin = text == null ? "" : text.strip();
        if (pin.isEmpty()) {
            throw new IllegalArgumentException("must not be blank");
        }
        if (pin.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(SHAPE);
        }
        if (pin.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String encoded = pin.substring(PREFIX.length());
            // base64 may begin with '/' itself: curl's second slash is dropped only where it must be
            if (encoded.startsWith("/")) {
                try {
                    return fromBase64(encoded);
                } catch (IllegalArgumentException e) {
                    return fromBase64(encoded.substring(1));
                }
            }
            return fromBase64(encoded);
        }
        if (pin.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            if (pin.length() != 2 * DIGEST_BYTES) {
                throw new IllegalArgumentException(SHAPE + "; this has " + pin.length() + " hex digits");
            }
            return new CertificatePin(HexFormat.of().parseHex(pin));
        }
        if (pin.indexOf(':') >= 0) {
            throw new IllegalArgumentException(SHAPE + "; a fingerprint of the whole certificate does not pin its key");
        }
        throw new IllegalArgumentException(SHAPE);
    }

    private static CertificatePin fromBase64(String encoded) {
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SHAPE + "; the part after sha256/ is not base64");
        }
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException(SHAPE + "; this is " + digest.length + " bytes, not " + DIGEST_BYTES);
        }
        return new CertificatePin(digest);
    }

    /** The pin of {@code certificate}'s public key. */
    public static CertificatePin of(Certificate certificate) {
        return new CertificatePin(Secrets.sha256(certificate.getPublicKey().getEncoded()));
    }

    /** Whether this is {@code other}, compared in constant time. */
    public boolean matches(CertificatePin other) {
        return other != null && MessageDigest.isEqual(digest, other.digest);
    }

    /** The stored and shown form, {@code sha256/<base64>}. */
    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificatePin other && matches(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }
}
