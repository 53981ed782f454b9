package org.serveline.telephony.notice;

import java.util.Objects;
import java.util.Optional;
import org.serveline.telephony.prompt.NoticeData;
import org.serveline.telephony.prompt.NoticePrompts;
import org.serveline.telephony.prompt.RenderedPrompt;

/**
 * The prompts of one notice call.
 *
 * @param notice          the notice itself, ending with the consent question; its version is the one reported
 * @param consentQuestion the question alone, repeated after silence or a wrong key
 * @param mobile          present when the call should confirm or collect a mobile number after consent
 */
public record NoticeScript(RenderedPrompt notice, RenderedPrompt consentQuestion, Optional<MobileStep> mobile) {

    public NoticeScript {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(consentQuestion, "consentQuestion");
        Objects.requireNonNull(mobile, "mobile");
    }

    /**
     * Prompts for the mobile number step.
     *
     * @param request     asks for the number, ended by #
     * @param readback    spoken before the number is read back
     * @param confirm     asks to confirm (1) or re-enter (2)
     * @param knownNumber a number on file to read back first, if any
     */
    public record MobileStep(RenderedPrompt request, RenderedPrompt readback, RenderedPrompt confirm,
            Optional<String> knownNumber) {
    }

    /** The script for {@code data}, with the mobile step when {@code collectMobile}. */
    public static NoticeScript of(NoticePrompts prompts, NoticeData data, boolean collectMobile,
            Optional<String> knownNumber) {
        return new NoticeScript(prompts.notice(data), prompts.consentQuestion(),
                mobileStep(prompts, collectMobile, knownNumber));
    }

    /**
     * The script of the consent step an operator redirects a party to: the question alone (its version is the one
     * reported), with the mobile step when {@code collectMobile}.
     */
    public static NoticeScript consentStep(NoticePrompts prompts, boolean collectMobile, Optional<String> knownNumber) {
        RenderedPrompt question = prompts.consentQuestion();
        return new NoticeScript(question, question, mobileStep(prompts, collectMobile, knownNumber));
    }

    private static Optional<MobileStep> mobileStep(NoticePrompts prompts, boolean collectMobile,
            Optional<String> knownNumber) {
        return collectMobile
                ? Optional.of(new MobileStep(prompts.mobileRequest(), prompts.mobileReadback(), prompts.mobileConfirm(),
                        knownNumber))
                : Optional.empty();
    }
}
