package org.serveline.telephony.notice;

import java.util.Optional;

/**
 * The call a notice script is asked for.
 *
 * @param attemptId the call attempt id
 * @param taskId    the task id, when the URL or the channel carries it
 * @param uniqueId  Asterisk's channel id
 */
public record NoticeCall(String attemptId, Optional<String> taskId, String uniqueId) {
}
