package dev.portcullis.policy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins as operators write them, and as a certificate gives them. */
class CertificatePinTest {

    /** A self-signed certificate made with openssl for this test (its key is gone). */
    static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBcTCCARegAwIBAgIUNnRFF7LQaY8BKV2xMFqe0tMU+iMwCgYIKoZIzj0EAwIw
            DjEMMAoGA1UEAwwDdnBuMB4XDTI2MTIwNDIwNTAxOFoXDTM2MTIwMTIwNTAxOFow
            DjEMMAoGA1UEAwwDdnBuMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE42yskUGH
            vPj7YHzxJ4p5flHKiMyGzK0IHjvd+4DxbdwRhTjNGaEdlRssQaj6Etbsx53/EbNo
            50j2gl3bLqUTo6NTMFEwHQYDVR0OBBYEFJlxf81c2DxrG9pBlvpArj95tPb7MB8G
            A1UdIwQYMBaAFJlxf81c2DxrG9pBlvpArj95tPb7MA8GA1UdEwEB/wQFMAMBAf8w
            CgYIKoZIzj0EAwIDSAAwRQIgHyBjJm+1dGEhgzuaYEylnsnHNc2RDTpyvRq5K38o
            cyoCIQCtEM08L1Kw84hnxPW+AWOvUKP7Fb5Mql0rOfox8ZyVsg==
            -----END CERTIFICATE-----
            """;
    /**
     * {@code openssl x509 -in c.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256};
     * the hash of the whole certificate (its fingerprint) is 8184357d...cb422, which must not be the pin.
     */
    static final String HEX = "07c2c67953f1800c668be5ef395ca67a846ed084ffa3167ac2f63c9499e1a4ac";
    static final String PIN = "sha256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=";

    @Test
    void theCertificatesPinIsTheHashOfItsPublicKeyAsOpensslComputesIt() throws Exception {
        CertificatePin pin = CertificatePin.of(CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERTIFICATE.getBytes(StandardCharsets.US_ASCII))));
        assertThat(pin).hasToString(PIN);
        assertThat(pin.matches(CertificatePin.parse(HEX))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lowercase hex           | 07c2c67953f1800c668be5ef395ca67a846ed084ffa3167ac2f63c9499e1a4ac",
        "uppercase hex           | 07C2C67953F1800C668BE5EF395CA67A846ED084FFA3167AC2F63C9499E1A4AC",
        "HPKP and OkHttp         | sha256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=",
        "curl --pinnedpubkey     | sha256//B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=",
        "without padding         | sha256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw",
        "prefix in capitals      | SHA256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=",
        "surrounded by spaces    | '  sha256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=  '",
    })
    void everyWayOfWritingAPinIsStoredInOneForm(String way, String written) {
        CertificatePin pin = CertificatePin.parse(written);
        assertThat(pin).as(way).hasToString(PIN).isEqualTo(CertificatePin.parse(PIN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "blank                   | '   '                                                              | must not be blank",
        "garbage                 | not a pin                                                          | 64 hex digits or sha256/<base64>",
        "hex, one digit short    | 07c2c67953f1800c668be5ef395ca67a846ed084ffa3167ac2f63c9499e1a4a    | this has 63 hex digits",
        "hex of SHA-1            | 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12                           | this has 40 hex digits",
        "hex with a non-hex char | 07c2c67953f1800c668be5ef395ca67a846ed084ffa3167ac2f63c9499e1a4ag   | 64 hex digits or sha256/<base64>",
        "base64 of 20 bytes      | sha256/L9ThxnotKPzthJ7hu3bnORuT6xI=                                | this is 20 bytes, not 32",
        "not base64              | sha256/not*base64!                                                 | is not base64",
        "empty after the prefix  | sha256/                                                            | this is 0 bytes, not 32",
        "bare base64, no prefix  | B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=                       | 64 hex digits or sha256/<base64>",
        "a certificate fingerprint | 81:84:35:7D:C9:3D:D6:28:B1:C5:7B:E4:DE:2F:93:A4:CF:65:DF:EB:65:80:8B:76:9F:F2:69:FF:88:8C:B4:22 | does not pin its key",
        "non-ASCII digits        | ０７c2c67953f1800c668be5ef395ca67a846ed084ffa3167ac2f63c9499e1a4   | 64 hex digits or sha256/<base64>",
    })
    void aMalformedPinIsRefusedWithWhatIsWrong(String way, String written, String reason) {
        assertThatThrownBy(() -> CertificatePin.parse(written)).as(way)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    /** base64 may itself begin with '/': that slash is the pin's, not a second slash of curl's. */
    @ParameterizedTest
    @CsvSource({
        "sha256///////////////////////////////////////////8=",
        "sha256////////////////////////////////////////////8=",
        "sha256////////////////////////////////////////////8",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    })
    void aPinWhoseBase64BeginsWithASlashKeepsIt(String written) {
        assertThat(CertificatePin.parse(written)).hasToString("sha256///////////////////////////////////////////8=");
    }

    @Test
    void nothingAndHostileLengthsAreRefusedWithoutAnythingElseGoingWrong() {
        assertThatThrownBy(() -> CertificatePin.parse(null)).hasMessage("must not be blank");
        assertThatThrownBy(() -> CertificatePin.parse("a".repeat(1_000_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(CertificatePin.SHAPE);
    }

    @Test
    void aPinnedKeyAcceptsOnlyItsCertificatesAndAnUnpinnedOneAnyOrNone() {
        CertificatePin a = CertificatePin.parse(PIN);
        CertificatePin b = CertificatePin.parse("ab".repeat(32));
        CertificatePin c = CertificatePin.parse("cd".repeat(32));
        ServiceKeys.ServiceKey unpinned = new ServiceKeys.ServiceKey("gitlab", List.of("mfa"), List.of());
        assertThat(unpinned.accepts(a)).isTrue();
        assertThat(unpinned.accepts(null)).as("no certificate").isTrue();
        ServiceKeys.ServiceKey renewing = new ServiceKeys.ServiceKey("vpn", List.of("mfa"), List.of(a, b));
        assertThat(renewing.accepts(a)).isTrue();
        assertThat(renewing.accepts(b)).isTrue();
        assertThat(renewing.accepts(c)).isFalse();
        assertThat(renewing.accepts(null)).as("no certificate").isFalse();
    }
}
