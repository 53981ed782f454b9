package org.serveline.server.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The demo's built-in gateways: an SMSC ({@code serveline.delivery.sms.built-in}) and a GreenMail SMTP server
 * ({@code serveline.delivery.mail.built-in}), both on loopback and on free ports, so that consent → SMS → DELIVERED
 * → SERVED runs on one machine with nothing else installed.
 */
@Configuration
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "serveline.delivery.sms.built-in", havingValue = "true")
    BuiltInSmsc builtInSmsc(Clock clock) {
        try {
            BuiltInSmsc smsc = new BuiltInSmsc(clock, ZoneId.of("UTC")).start(0);
            smsc.logMessages(true);
            return smsc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the built-in SMSC", e);
        }
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty(name = "serveline.delivery.mail.built-in", havingValue = "true")
    GreenMail builtInMailServer() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        log.info("built-in mail server (GreenMail) listening on 127.0.0.1:{}", server.getSmtp().getPort());
        return server;
    }

    @Bean
    @ConditionalOnProperty(name = "serveline.delivery.mail.built-in", havingValue = "true")
    JavaMailSenderImpl builtInMailSender(GreenMail server) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
        return sender;
    }
}
