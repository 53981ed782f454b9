package org.serveline.server.delivery;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
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
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Duration pause = Duration.ZERO;

    MailGateway(ObjectProvider<JavaMailSenderImpl> senders, DeliveryProperties properties, Outbox outbox) {
        this.outbox = outbox;
        this.senders = senders;
        this.properties = properties;
    }

    /** Configured, and not pausing after the server failed us (the worker does not ask it meanwhile). */
    boolean ready() {
        return senders.getIfAvailable() != null && Instant.now().isAfter(pausedUntil);
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
            pause = Duration.ZERO;
            return new Result.Accepted(reply == null ? "accepted" : reply.strip());
        } catch (MessagingException e) {
            Result result = classify(e);
            if (result instanceof Result.Transient failure) {
                lastError = failure.error();
                pause = pause.isZero() ? properties.retryMin()
                        : pause.multipliedBy(2).compareTo(properties.retryMax()) > 0 ? properties.retryMax()
                        : pause.multipliedBy(2);
                pausedUntil = Instant.now().plus(pause);
            } else {
                lastError = null;
            }
            return result;
        }
    }

    /**
     * A 5xx reply to the message itself (its sender, recipient or content) refuses it for good; anything else — a 4xx
     * reply, no connection, or a 5xx to our authentication, which is this server's configuration and not the
     * party's address — is tried again.
     */
    static Result classify(MessagingException e) {
        for (Exception at = e; at != null; at = at instanceof MessagingException m ? m.getNextException() : null) {
            int code = at instanceof SMTPSendFailedException failed ? failed.getReturnCode()
                    : at instanceof SMTPAddressFailedException failed ? failed.getReturnCode() : 0;
            if (code >= 500) {
                return new Result.Refused((code + " " + at.getMessage()).strip());
            }
            if (code >= 400) {
                return new Result.Transient((code + " " + at.getMessage()).strip());
            }
        }
        return new Result.Transient(String.valueOf(e.getMessage()).strip());
    }

    @Override
    public Health health() {
        if (senders.getIfAvailable() == null) {
            return Health.unknown().withDetail("reason", "no SMTP server configured: e-mails wait in the outbox").build();
        }
        String error = lastError;
        return (error == null ? Health.up() : Health.down().withDetail("lastError", error))
                .withDetail("waiting", outbox.pending(Medium.EMAIL)).build();
    }
}
