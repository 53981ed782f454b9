package org.serveline.telephony.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The prompts of the notice call, rendered through one {@link PromptRenderer}. */
public final class NoticePrompts {

    public static final String DEFAULT_NOTICE_VERSION = "notice-v2.zh";

    private final PromptRenderer renderer;
    private final NoticeTemplate notice;
    private final PromptTemplate mobileRequest;
    private final PromptTemplate mobileReadback;
    private final PromptTemplate mobileConfirm;

    public NoticePrompts(PromptRenderer renderer, NoticeTemplate notice, PromptTemplate mobileRequest,
            PromptTemplate mobileReadback, PromptTemplate mobileConfirm) {
        this.renderer = renderer;
        this.notice = notice;
        this.mobileRequest = mobileRequest;
        this.mobileReadback = mobileReadback;
        this.mobileConfirm = mobileConfirm;
    }

    /** The shipped Mandarin templates: the segmented notice v2, the mobile number prompts v1. */
    public static NoticePrompts mandarin(PromptRenderer renderer) {
        return new NoticePrompts(renderer, NoticeTemplate.load(DEFAULT_NOTICE_VERSION),
                PromptTemplate.load("mobile-request-v1.zh"), PromptTemplate.load("mobile-readback-v1.zh"),
                PromptTemplate.load("mobile-confirm-v1.zh"));
    }

    /** The engine and voice the notices are spoken in, as the content hashes cover it. */
    public String voiceId() {
        return renderer.voiceId();
    }

    /** The default wording. */
    public NoticeTemplate defaultTemplate() {
        return notice;
    }

    /** The notice in the default wording. */
    public RenderedNotice notice(NoticeData data) {
        return notice(notice, data);
    }

    /**
     * The notice in {@code template}'s wording (a court's own): every segment rendered (or found in the cache),
     * optional ones without their values left out.
     */
    public RenderedNotice notice(NoticeTemplate template, NoticeData data) {
        Map<String, String> values = data.values();
        List<RenderedSegment> all = new ArrayList<>();
        for (NoticeTemplate.Segment segment : template.segments()) {
            if (NoticeTemplate.spoken(segment, values)) {
                all.add(new RenderedSegment(segment.name(), renderer.render(segment.template(), values)));
            }
        }
        return new RenderedNotice(RenderedNotice.versionOf(template.version(), all), all.subList(0, all.size() - 1),
                all.getLast());
    }

    /** The default wording's question alone: the keypad consent step an operator hands a party to. */
    public RenderedNotice consentQuestion() {
        NoticeTemplate.Segment question = notice.question();
        RenderedSegment rendered = new RenderedSegment(question.name(), renderer.render(question.template(), Map.of()));
        return new RenderedNotice(RenderedNotice.versionOf(question.template().version(), List.of(rendered)),
                List.of(), rendered);
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
