package dev.portcullis.policy.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.problem.Problem;
import dev.portcullis.policy.security.CertificatePin;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service's pins: at most two, none repeated, each error naming its field. */
class CertificatePinsTest {

    static final String A = "sha256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=";
    static final String A_HEX = "07c2c67953f1800c668be5ef395ca67a846ed084ffa3167ac2f63c9499e1a4ac";
    static final String B = "ab".repeat(32);

    @Test
    void pinsAreKeptInOrderInTheirOneFormAndSurviveStorage() {
        List<CertificatePin> pins = CertificatePins.parse("pins", List.of(A_HEX, B));
        assertThat(CertificatePins.text(pins)).containsExactly(A, CertificatePin.parse(B).toString());
        assertThat(CertificatePins.load(CertificatePins.store(pins))).isEqualTo(pins);
        assertThat(CertificatePins.parse("pins", null)).isEmpty();
        assertThat(CertificatePins.load(CertificatePins.store(List.of()))).isEmpty();
    }

    @Test
    void aMalformedPinIsA400NamingItsPlaceInTheList() {
        assertThat(field(() -> CertificatePins.parse("certificatePins", List.of(A, "sha256/short"))))
                .isEqualTo("certificatePins[1]");
        assertThat(field(() -> CertificatePins.parse("pins", Arrays.asList((String) null)))).isEqualTo("pins[0]");
    }

    @Test
    void thirdPinAndARepeatedOneAreRefused() {
        assertThat(field(() -> CertificatePins.parse("pins", List.of(A, B, "cd".repeat(32))))).isEqualTo("pins");
        // the same key written two ways is one pin
        assertThat(field(() -> CertificatePins.parse("pins", List.of(A, A_HEX)))).isEqualTo("pins[1]");
    }

    private static String field(Runnable parse) {
        ApiProblem[] thrown = new ApiProblem[1];
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ApiProblem.class, e -> thrown[0] = e);
        Problem problem = thrown[0].toProblem();
        assertThat(problem.status()).isEqualTo(400);
        return problem.errors().get(0).field();
    }
}
