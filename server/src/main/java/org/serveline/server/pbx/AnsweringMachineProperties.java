package org.serveline.server.pbx;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Answering-machine detection on automated notice calls ({@code serveline.telephony.answering-machine}): when
 * {@code detect} is on (the default), {@code serveline-outbound} runs Asterisk's AMD() after the answer and hangs up
 * on a machine before the notice; the attempt is ANSWERING_MACHINE and called again later. Off: every answered call
 * hears the notice. The Originate tells the dialplan through {@code SERVELINE_AMD}.
 */
@ConfigurationProperties("serveline.telephony.answering-machine")
public record AnsweringMachineProperties(Boolean detect) {

    public AnsweringMachineProperties {
        detect = detect == null ? Boolean.TRUE : detect;
    }
}
