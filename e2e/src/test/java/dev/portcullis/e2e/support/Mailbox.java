package dev.portcullis.e2e.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What reached a person's address on the tests' SMTP server (GreenMail), read as a person would. */
public final class Mailbox {

    private Mailbox() {
    }

    /** Waits up to 30 s for at least {@code count} messages to {@code address}, and returns them all. */
    public static List<MimeMessage> await(GreenMail mail, String address, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<MimeMessage> found = List.of();
        while (System.nanoTime() < deadline) {
            found = Arrays.stream(mail.getReceivedMessages()).filter(m -> address.equals(recipient(m))).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(found.size() + " of " + count + " messages reached " + address);
    }

    /** The decoded text of all of a message's parts, whatever transfer encoding the server chose. */
    public static String text(MimeMessage message) {
        try {
            return text(message.getContent());
        } catch (java.io.IOException | MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    static String text(Object content) throws java.io.IOException, MessagingException {
        if (content instanceof Multipart parts) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                all.append(text(parts.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }
}
