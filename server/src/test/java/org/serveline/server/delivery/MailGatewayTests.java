package org.serveline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** How an SMTP server's answer decides a message's fate: a 5xx to the message is final, the rest is retried. */
class MailGatewayTests {

    @Test
    void a5xxReplyToTheRecipientRefusesTheMessageForGood() throws Exception {
        SMTPAddressFailedException unknown = new SMTPAddressFailedException(new InternetAddress("nobody@example.test"),
                "RCPT TO:<nobody@example.test>", 550, "5.1.1 mailbox unavailable");
        MessagingException sent = new SendFailedException("Invalid Addresses", unknown);

        assertThat(MailGateway.classify(sent)).isInstanceOfSatisfying(MailGateway.Result.Refused.class,
                r -> assertThat(r.reply()).startsWith("550").contains("mailbox unavailable"));
    }

    @Test
    void a5xxReplyToTheDataRefusesTheMessageForGood() {
        SMTPSendFailedException rejected = new SMTPSendFailedException("DATA", 554, "5.7.1 message rejected", null,
                null, null, null);

        assertThat(MailGateway.classify(rejected)).isInstanceOf(MailGateway.Result.Refused.class);
    }

    @Test
    void a4xxReplyOrNoConnectionIsTriedAgain() {
        SMTPSendFailedException later = new SMTPSendFailedException("DATA", 451, "4.3.0 try again later", null,
                null, null, null);

        assertThat(MailGateway.classify(later)).isInstanceOfSatisfying(MailGateway.Result.Transient.class,
                r -> assertThat(r.error()).startsWith("451"));
        assertThat(MailGateway.classify(new MessagingException("Couldn't connect to host, port: 127.0.0.1, 1")))
                .isInstanceOf(MailGateway.Result.Transient.class);
        assertThat(MailGateway.classify(new jakarta.mail.AuthenticationFailedException(
                "535 5.7.8 Authentication credentials invalid"))).as("our login, not the party's address")
                .isInstanceOf(MailGateway.Result.Transient.class);
    }
}
