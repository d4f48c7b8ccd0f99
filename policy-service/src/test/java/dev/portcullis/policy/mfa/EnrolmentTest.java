package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class EnrolmentTest {

    @Test
    void theQrCodeIsAPngThatScansToTheOtpauthUri() throws Exception {
        Enrolment enrolment = Enrolment.of("Portcullis", "yamada.tarō", "JBSWY3DPEHPK3PXP", Instant.EPOCH);
        assertThat(enrolment.otpauthUri()).isEqualTo("otpauth://totp/Portcullis:yamada.tar%C5%8D"
                + "?secret=JBSWY3DPEHPK3PXP&issuer=Portcullis&algorithm=SHA1&digits=6&period=30");
        assertThat(enrolment.qrCode()).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(enrolment.qrCode().substring("data:image/png;base64,".length()));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var scanned = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))));
        assertThat(scanned.getText()).isEqualTo(enrolment.otpauthUri());
        assertThat(enrolment.toString()).doesNotContain("JBSWY3DPEHPK3PXP");
    }
}
