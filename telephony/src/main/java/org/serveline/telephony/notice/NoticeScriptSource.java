package org.serveline.telephony.notice;

/**
 * Finds the script for a call: the server looks up the task behind the attempt and renders (usually: finds in the
 * prompt cache) its notice. Throwing ends the call with {@link NoticeResult.NoticeFailed}.
 */
@FunctionalInterface
public interface NoticeScriptSource {

    NoticeScript scriptFor(NoticeCall call);
}
