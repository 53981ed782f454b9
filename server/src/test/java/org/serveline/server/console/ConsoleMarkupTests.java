package org.serveline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console page's structure: every container element it opens is closed in order, and every screen is a child of
 * {@code <main>} (a screen left inside another one is hidden with it: a merge once closed one screen's markup with the
 * next screen's closing tags, and the board never showed).
 */
class ConsoleMarkupTests {

    private static final Path PAGE = Path.of("src/main/resources/static/index.html");
    private static final Pattern TAG = Pattern.compile(
            "<(/?)(div|section|main|nav|header|form|table|thead|tbody|tr|ul|ol|dl|fieldset|select|label|p|button|h[1-6])\\b([^>]*)>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private record Open(String tag, String id, int line) {
    }

    @Test
    void everyContainerIsClosedInOrderAndEveryScreenIsAChildOfMain() throws IOException {
        String html = Files.readString(PAGE);
        Deque<Open> open = new ArrayDeque<>();
        List<String> problems = new ArrayList<>();
        List<String> screens = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            int line = lineOf(html, tag.start());
            String name = tag.group(2);
            if (tag.group(1).isEmpty()) {
                Matcher id = ID.matcher(tag.group(3));
                String elementId = id.find() ? id.group(1) : null;
                if (elementId != null && elementId.endsWith("-screen")) {
                    screens.add(elementId);
                    Open parent = open.peek();
                    if (parent == null || !"main".equals(parent.tag())) {
                        problems.add(elementId + " (line " + line + ") is inside " + parent);
                    }
                }
                open.push(new Open(name, elementId, line));
            } else if (open.isEmpty() || !open.peek().tag().equals(name)) {
                problems.add("</" + name + "> at line " + line + " closes " + open.peek());
                break;
            } else {
                open.pop();
            }
        }
        assertThat(problems).isEmpty();
        assertThat(open).as("elements never closed").isEmpty();
        assertThat(screens).as("screens found").hasSizeGreaterThanOrEqualTo(10).contains("tasks-screen", "board-screen");
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
