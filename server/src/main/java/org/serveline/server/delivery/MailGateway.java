package org.serveline.server.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail through SMTP (Spring's mail sender, configured by {@code spring.mail.*} or the demo's built-in server). The
 * receiving server's reply to the message is kept as the evidence of acceptance; a 5xx reply is final, anything
 * else (4xx, no connection) is tried again later. Its health says whether the last hand-over worked.
 */
@Component("mailGateway")
class MailGateway implements HealthIndicator {

    /** What the SMTP server made of a message. */
    sealed interface Result {
        record Accepted(String reply) implements Result {
        }

        record Transient(String error) implements Result {
        }

        record Refused(String reply) implements Result {
        }
    }

    private final ObjectProvider<JavaMailSenderImpl> senders;
    private final DeliveryProperties properties;
    private final Outbox outbox;
    private volatile String lastError;

    MailGateway(ObjectProvider<JavaMailSenderImpl> senders, DeliveryProperties properties, Outbox outbox) {
        this.outbox = outbox;
        this.senders = senders;
        this.properties = properties;
    }

    boolean ready() {
        return senders.getIfAvailable() != null;
    }

    Result send(String to, String subject, String body) {
        JavaMailSenderImpl sender = senders.getIfAvailable();
        if (sender == null) {
            return new Result.Transient("no SMTP server configured (spring.mail.host)");
        }
        Session session = sender.getSession();
        try (Transport transport = session.getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol())) {
            MimeMessage message = new MimeMessage(session);
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.mail().from());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(body, false);
            message.saveChanges();
            transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
            transport.sendMessage(message, message.getAllRecipients());
            String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "accepted";
            lastError = null;
            return new Result.Accepted(reply == null ? "accepted" : reply.strip());
        } catch (MessagingException e) {
            int code = replyCode(e);
            String reply = code > 0 ? code + " " + e.getMessage() : e.toString();
            if (code >= 500) {
                lastError = null;
                return new Result.Refused(reply.strip());
            }
            lastError = reply;
            return new Result.Transient(reply.strip());
        }
    }

    /** The SMTP reply code behind an exception (0 when the server never answered). */
    private static int replyCode(Exception e) {
        for (Exception at = e; at != null; at = at instanceof MessagingException m ? m.getNextException() : null) {
            if (at instanceof SMTPSendFailedException failed) {
                return failed.getReturnCode();
            }
            if (at instanceof SMTPAddressFailedException failed) {
                return failed.getReturnCode();
            }
            if (at instanceof SendFailedException && at.getMessage() != null && at.getMessage().matches("^5\\d\\d.*")) {
                return Integer.parseInt(at.getMessage().substring(0, 3));
            }
        }
        return 0;
    }

    @Override
    public Health health() {
        if (!ready()) {
            return Health.unknown().withDetail("reason", "no SMTP server configured: e-mails wait in the outbox").build();
        }
        String error = lastError;
        return (error == null ? Health.up() : Health.down().withDetail("lastError", error))
                .withDetail("waiting", outbox.pending(Medium.EMAIL)).build();
    }
}
