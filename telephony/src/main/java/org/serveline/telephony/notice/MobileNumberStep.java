package org.serveline.telephony.notice;

import java.util.Optional;
import org.serveline.telephony.agi.AgiChannel;
import org.serveline.telephony.agi.AgiException;
import org.serveline.telephony.notice.NoticeScript.MobileStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After consent: read back the number on file, or collect one (digits then #), and have the party confirm it.
 * Consent is already given, so a hang-up here ends the step without a number and loses nothing.
 */
final class MobileNumberStep {

    private static final Logger log = LoggerFactory.getLogger(MobileNumberStep.class);
    private static final int MAX_DIGITS = 20;

    private final AgiChannel channel;
    private final MobileStep step;
    private final NoticeSettings settings;

    MobileNumberStep(AgiChannel channel, MobileStep step, NoticeSettings settings) {
        this.channel = channel;
        this.step = step;
        this.settings = settings;
    }

    Optional<String> run() {
        try {
            if (step.knownNumber().isPresent() && confirmed(step.knownNumber().get())) {
                return step.knownNumber();
            }
            for (int attempt = 1; attempt <= settings.mobileAttempts(); attempt++) {
                String digits = channel.getData(step.request().playbackName(), settings.mobileDigitTimeout(),
                        MAX_DIGITS).digits();
                if (!settings.mobileNumber().matcher(digits).matches()) {
                    log.info("mobile number entry {} of {} is not a valid number ({} digits)", attempt,
                            settings.mobileAttempts(), digits.length());
                } else if (confirmed(digits)) {
                    return Optional.of(digits);
                }
            }
            return Optional.empty();
        } catch (AgiException ended) {
            log.info("mobile number step ended early, consent stands without a number: {}", ended.getMessage());
            return Optional.empty();
        }
    }

    private boolean confirmed(String number) {
        channel.streamFile(step.readback().playbackName(), "");
        channel.sayDigits(number);
        Optional<Character> key = channel.streamFile(step.confirm().playbackName(), "12").digit();
        if (key.isEmpty()) {
            key = channel.waitForDigit(settings.digitTimeout());
        }
        return key.filter(digit -> digit == '1').isPresent();
    }
}
