package org.serveline.telephony.notice;

import java.util.Objects;
import java.util.Optional;
import org.serveline.telephony.prompt.NoticeData;
import org.serveline.telephony.prompt.NoticePrompts;
import org.serveline.telephony.prompt.NoticeTemplate;
import org.serveline.telephony.prompt.RenderedNotice;
import org.serveline.telephony.prompt.RenderedPrompt;
import org.serveline.telephony.prompt.ScriptVersion;

/**
 * The prompts of one notice call.
 *
 * @param notice the notice's segments, ending with the consent question; its version is the one reported
 * @param mobile present when the call should confirm or collect a mobile number after consent
 */
public record NoticeScript(RenderedNotice notice, Optional<MobileStep> mobile) {

    public NoticeScript {
        Objects.requireNonNull(notice, "notice");
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

    /** The exact wording played: template version and hash over every segment. */
    public ScriptVersion version() {
        return notice.version();
    }

    /** The script for {@code data} in the default wording, with the mobile step when {@code collectMobile}. */
    public static NoticeScript of(NoticePrompts prompts, NoticeData data, boolean collectMobile,
            Optional<String> knownNumber) {
        return of(prompts, prompts.defaultTemplate(), data, collectMobile, knownNumber);
    }

    /** The script for {@code data} in {@code template}'s wording (a court's own). */
    public static NoticeScript of(NoticePrompts prompts, NoticeTemplate template, NoticeData data,
            boolean collectMobile, Optional<String> knownNumber) {
        return new NoticeScript(prompts.notice(template, data), mobileStep(prompts, collectMobile, knownNumber));
    }

    /**
     * The script of the consent step an operator redirects a party to: the question alone (its version is the one
     * reported), with the mobile step when {@code collectMobile}.
     */
    public static NoticeScript consentStep(NoticePrompts prompts, boolean collectMobile, Optional<String> knownNumber) {
        return new NoticeScript(prompts.consentQuestion(), mobileStep(prompts, collectMobile, knownNumber));
    }

    private static Optional<MobileStep> mobileStep(NoticePrompts prompts, boolean collectMobile,
            Optional<String> knownNumber) {
        return collectMobile
                ? Optional.of(new MobileStep(prompts.mobileRequest(), prompts.mobileReadback(), prompts.mobileConfirm(),
                        knownNumber))
                : Optional.empty();
    }
}
