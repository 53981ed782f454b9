package org.serveline.telephony.prompt;

import java.util.Map;

/** The prompts of the notice call, rendered through one {@link PromptRenderer}. */
public final class NoticePrompts {

    public static final String DEFAULT_NOTICE_VERSION = "notice-v1.zh";

    private final PromptRenderer renderer;
    private final PromptTemplate notice;
    private final PromptTemplate consentQuestion;
    private final PromptTemplate mobileRequest;
    private final PromptTemplate mobileReadback;
    private final PromptTemplate mobileConfirm;

    public NoticePrompts(PromptRenderer renderer, PromptTemplate notice, PromptTemplate consentQuestion,
            PromptTemplate mobileRequest, PromptTemplate mobileReadback, PromptTemplate mobileConfirm) {
        this.renderer = renderer;
        this.notice = notice;
        this.consentQuestion = consentQuestion;
        this.mobileRequest = mobileRequest;
        this.mobileReadback = mobileReadback;
        this.mobileConfirm = mobileConfirm;
    }

    /** The shipped Mandarin templates, version 1. */
    public static NoticePrompts mandarinV1(PromptRenderer renderer) {
        return new NoticePrompts(renderer, PromptTemplate.load(DEFAULT_NOTICE_VERSION),
                PromptTemplate.load("consent-question-v1.zh"), PromptTemplate.load("mobile-request-v1.zh"),
                PromptTemplate.load("mobile-readback-v1.zh"), PromptTemplate.load("mobile-confirm-v1.zh"));
    }

    public RenderedPrompt notice(NoticeData data) {
        return renderer.render(notice, data.values());
    }

    public RenderedPrompt consentQuestion() {
        return renderer.render(consentQuestion, Map.of());
    }

    public RenderedPrompt mobileRequest() {
        return renderer.render(mobileRequest, Map.of());
    }

    public RenderedPrompt mobileReadback() {
        return renderer.render(mobileReadback, Map.of());
    }

    public RenderedPrompt mobileConfirm() {
        return renderer.render(mobileConfirm, Map.of());
    }
}
