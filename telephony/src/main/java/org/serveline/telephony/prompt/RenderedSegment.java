package org.serveline.telephony.prompt;

/**
 * One rendered segment of a notice.
 *
 * @param name   the segment's name in its template, e.g. {@code greeting}
 * @param prompt the audio and its exact text
 */
public record RenderedSegment(String name, RenderedPrompt prompt) {
}
