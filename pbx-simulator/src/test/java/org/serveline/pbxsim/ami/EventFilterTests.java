package org.serveline.pbxsim.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The filter semantics of Asterisk 22's manager.c (manager_add_filter, filter_cmp_fn, should_send_event), on events
 * written as Asterisk writes them.
 */
class EventFilterTests {

    private static final String NEWCHANNEL = "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: XXX\r\n"
            + "Someheader: YYY\r\n\r\n";
    private static final String VARSET = "Event: VarSet\r\nPrivilege: dialplan,all\r\nChannel: ABC\r\n"
            + "Variable: SERVELINE_ATTEMPT_ID\r\nValue: 42\r\n\r\n";
    private static final String HANGUP_REQUEST = "Event: HangupRequest\r\nPrivilege: call,all\r\nChannel: ABC\r\n\r\n";

    private static boolean passes(String line, String event) {
        return EventFilter.parse(List.of(line)).allows(event);
    }

    @Test
    void withoutFiltersEveryEventPasses() {
        assertThat(EventFilter.NONE.allows(NEWCHANNEL)).isTrue();
        assertThat(EventFilter.parse(List.of()).allows(VARSET)).isTrue();
        assertThat(EventFilter.parse(List.of()).isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1} on {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            // legacy: a regex searched in the whole event text, '!' excludes
            "eventfilter | XXX | NEWCHANNEL | true",
            "eventfilter | Event: Newchannel | NEWCHANNEL | true",
            "eventfilter | Event: Newchannel | VARSET | false",
            "eventfilter | !XXX | VARSET | true",
            "eventfilter | !XXX | NEWCHANNEL | false",
            "eventfilter | Event: Hangup | HANGUP_REQUEST | true",          // unanchored: a prefix of the name matches
            "eventfilter | ^Event: Hangup[[:cntrl:]] | HANGUP_REQUEST | false",
            "eventfilter | ^Event: HangupRequest[[:cntrl:]] | HANGUP_REQUEST | true",
            "eventfilter | Channel: ABC.*Value: 42 | VARSET | true",         // '.' crosses line ends (no REG_NEWLINE)
            // advanced: name() exact and case-sensitive, header() tests that header's value only
            "eventfilter(name(VarSet)) | | VARSET | true",
            "eventfilter(name(VarSet),method(none)) | | VARSET | true",
            "eventfilter(name(varset)) | | VARSET | false",
            "eventfilter(name(Hangup)) | | HANGUP_REQUEST | false",
            "eventfilter(name(Newchannel),method(regex)) | X[XYZ]X | NEWCHANNEL | true",
            "eventfilter(name(Newchannel),method(regex)) | X[abc]X | NEWCHANNEL | false",
            "eventfilter(action(exclude),name(Newchannel),method(regex)) | X[XYZ]X | NEWCHANNEL | false",
            "eventfilter(action(exclude),name(Newchannel),method(regex)) | X[abc]X | NEWCHANNEL | true",
            "eventfilter(action(include),name(VarSet),header(Channel),method(starts_with)) | AB | VARSET | true",
            "eventfilter(action(include),name(VarSet),header(Channel),method(ends_with)) | BC | VARSET | true",
            "eventfilter(action(include),name(VarSet),header(Channel),method(exact)) | ABC | VARSET | true",
            "eventfilter(action(include),name(VarSet),header(Channel),method(exact)) | AB | VARSET | false",
            "eventfilter(action(include),name(VarSet),header(Channel),method(contains)) | B | VARSET | true",
            "eventfilter(name(VarSet),header(Variable),method(ends_with)) | SERVELINE_ATTEMPT_ID | VARSET | true",
            "eventfilter(name(VarSet),header(Variable),method(exact)) | AMDSTATUS | VARSET | false",
            "eventfilter(name(VarSet),header(Value:),method(exact)) | 42 | VARSET | true",
            // '!' excludes unless action() says otherwise
            "eventfilter(name(VarSet),header(Channel),method(exact)) | !ZZZ | VARSET | true",
            "eventfilter(name(VarSet),header(Channel),method(exact)) | !ABC | VARSET | false",
            "eventfilter(action(include),name(VarSet),header(Channel),method(exact)) | !ABC | VARSET | true", // action() wins
    })
    void oneFilterLikeAsterisk(String key, String pattern, String event, boolean passes) {
        String text = switch (event) {
            case "NEWCHANNEL" -> NEWCHANNEL;
            case "VARSET" -> VARSET;
            default -> HANGUP_REQUEST;
        };
        assertThat(passes(key + " = " + (pattern == null ? "" : pattern), text)).isEqualTo(passes);
    }

    @Test
    void includeFiltersFirstThenExcludeFilters() {
        EventFilter filter = EventFilter.parse(List.of(
                "eventfilter(action(include),name(Newchannel)) =",
                "eventfilter(action(include),name(VarSet)) =",
                "eventfilter(action(exclude),header(Channel),method(starts_with)) = AB"));

        assertThat(filter.allows(NEWCHANNEL)).isTrue();
        assertThat(filter.allows(VARSET)).as("included by name, then excluded by its channel").isFalse();
        assertThat(filter.allows(HANGUP_REQUEST)).as("matches no include filter").isFalse();
    }

    @Test
    void excludeFiltersOnlyLetEverythingElseThrough() {
        EventFilter filter = EventFilter.parse(List.of("eventfilter = !Event: VarSet"));

        assertThat(filter.allows(NEWCHANNEL)).isTrue();
        assertThat(filter.allows(HANGUP_REQUEST)).isTrue();
        assertThat(filter.allows(VARSET)).isFalse();
    }

    @Test
    void aMessageIsJudgedOnItsWireText() {
        AmiMessage varSet = AmiMessage.event("VarSet", "dialplan,all").add("Channel", "Local/1@x-1;1")
                .add("Variable", "__SERVELINE_ATTEMPT_ID").add("Value", "a-1").build();
        EventFilter filter = EventFilter.parse(
                List.of("eventfilter(name(VarSet),header(Variable),method(ends_with)) = SERVELINE_ATTEMPT_ID"));

        assertThat(filter.allows(varSet)).isTrue();
        assertThat(filter.allows(AmiMessage.event("VarSet", "dialplan,all").add("Variable", "PLAYBACKSTATUS")
                .add("Value", "SUCCESS").build())).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eventfilter | ",                                              // legacy without a pattern
            "eventfilter(action(include) | ",                               // no closing parenthesis
            "eventfilter(action(inlude)) | ",
            "eventfilter(nnnn(yyy)) | XXX",
            "eventfilter(name(VarSet),heder(Channel),method(contains)) | XXX",
            "eventfilter(name(VarSet),method(coontains)) | XXX",
            "eventfilter(name(VarSet),method(exact)) | ",                  // a method needs a pattern
            "eventfilter(name(VarSet)) | XXX",                             // a pattern needs a method
            "eventfilter(action(include)) | ",                             // neither name, header nor pattern
            "eventfilter(name(VarSet),method(regex)) | X[",                // does not compile
            "eventfilter | (unclosed",
    })
    void linesAsteriskRefusesAreRefused(String key, String pattern) {
        String line = key + " = " + (pattern == null ? "" : pattern);
        assertThatThrownBy(() -> EventFilter.parse(List.of(line))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }

    @Test
    void aLineThatIsNotAnEventfilterIsRefused() {
        assertThatThrownBy(() -> EventFilter.parse(List.of("read = call"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an eventfilter line");
        assertThatThrownBy(() -> EventFilter.parse(List.of("eventfilter"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without '='");
    }
}
