package org.serveline.telephony.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.serveline.telephony.dialplan.AsteriskConfigFile.Section;
import org.serveline.telephony.notice.NoticeResult.TransferRequested;

/** The shipped config/asterisk files agree with {@link DialplanContract} and with each other. */
class DialplanConfigTests {

    private static final Pattern VARIABLE = Pattern.compile("(?:\\$\\{|Set\\(_{0,2})(SERVELINE_[A-Z_]+)");
    private static final Pattern AGI = Pattern.compile("AGI\\(([^)]*)\\)");
    private static final Pattern GOTO = Pattern.compile("Goto(?:If)?\\((?:[^?]*\\?)?([\\w-]+),([\\w-]+),(\\d+)\\)");

    private static AsteriskConfigFile extensions;
    private static AsteriskConfigFile pjsip;
    private static AsteriskConfigFile manager;

    @BeforeAll
    static void read() throws IOException {
        extensions = AsteriskConfigFile.read("extensions.conf");
        pjsip = AsteriskConfigFile.read("pjsip.conf");
        manager = AsteriskConfigFile.read("manager.conf");
    }

    private static String var(String name) {
        return "${" + name + "}";
    }

    /**
     * The application part of each step of a context, in order: after extension and priority on an
     * {@code exten =>} line, after the priority on a {@code same =>} line.
     */
    private static List<String> steps(String context) {
        return extensions.one(context).entries().stream()
                .filter(entry -> entry.key().equals("exten") || entry.key().equals("same"))
                .map(entry -> entry.value().split(",", entry.key().equals("exten") ? 3 : 2))
                .map(parts -> parts[parts.length - 1])
                .toList();
    }

    private static Set<String> extensionsOf(String context) {
        return extensions.one(context).values("exten").stream().map(value -> value.split(",")[0])
                .collect(Collectors.toSet());
    }

    private static Set<String> contractVariables() throws IllegalAccessException {
        Set<String> names = new LinkedHashSet<>();
        for (Field field : DialplanContract.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("SERVELINE_")) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static String agiCall(String path) {
        return var(DialplanContract.AGI_URL_VARIABLE) + "/" + path + "?" + DialplanContract.ATTEMPT_PARAMETER + "="
                + var(DialplanContract.ATTEMPT_ID_VARIABLE);
    }

    @Test
    void shipsTheContextsTheCodeUses() {
        for (String context : List.of(DialplanContract.OUTBOUND_CONTEXT, DialplanContract.OPERATOR_CONTEXT,
                DialplanContract.CONSENT_CONTEXT)) {
            assertThat(extensionsOf(context)).as(context).contains("s");
        }
        assertThat(extensionsOf(DialplanContract.OPERATOR_CONTEXT)).contains(DialplanContract.TRANSFER_EXTENSION);
    }

    @Test
    void usesOnlyVariablesTheContractNames() throws IllegalAccessException {
        Set<String> used = new LinkedHashSet<>();
        extensions.sections().forEach(section -> section.entries().forEach(entry -> {
            Matcher matcher = VARIABLE.matcher(entry.key() + "=" + entry.value());
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }));
        extensions.one("globals").entries().forEach(entry -> used.add(entry.key()));

        assertThat(contractVariables()).containsAll(used);
        assertThat(used).contains(DialplanContract.ATTEMPT_ID_VARIABLE, DialplanContract.TASK_ID_VARIABLE,
                DialplanContract.AGI_URL_VARIABLE, DialplanContract.NOTICE_RESULT_VARIABLE,
                DialplanContract.OPERATOR_ENDPOINT_VARIABLE, DialplanContract.PARTY_DIAL_VARIABLE,
                DialplanContract.DEFAULT_OPERATORS_VARIABLE, DialplanContract.AMD_VARIABLE);
    }

    @Test
    void outboundAnswersRecordsByAttemptThenRunsTheNoticeApplication() {
        List<String> steps = steps(DialplanContract.OUTBOUND_CONTEXT);
        int answer = steps.indexOf("Answer()");
        int record = steps.indexOf("MixMonitor(" + var(DialplanContract.ATTEMPT_ID_VARIABLE) + ".wav)");
        int notice = steps.indexOf("AGI(" + agiCall(DialplanContract.NOTICE_AGI_PATH) + ")");

        assertThat(answer).isNotNegative();
        assertThat(record).isGreaterThan(answer);
        assertThat(notice).as("the AGI right after the recording starts").isEqualTo(record + 1);
    }

    @Test
    void outboundRunsAmdBeforeTheRecordingUnlessTheOriginateTurnsItOff() {
        List<String> steps = steps(DialplanContract.OUTBOUND_CONTEXT);
        int answer = steps.indexOf("Answer()");
        int skip = steps.indexOf("GotoIf($[\"" + var(DialplanContract.AMD_VARIABLE) + "\" = \""
                + DialplanContract.AMD_OFF + "\"]?notice)");
        int amd = steps.indexOf("AMD()");
        int machine = steps.indexOf("GotoIf($[\"" + var(DialplanContract.AMD_STATUS_VARIABLE) + "\" = \""
                + DialplanContract.AMD_MACHINE + "\"]?machine)");
        int record = steps.indexOf("MixMonitor(" + var(DialplanContract.ATTEMPT_ID_VARIABLE) + ".wav)");

        assertThat(answer).isNotNegative();
        assertThat(skip).as("AMD is skipped only when the Originate says off").isEqualTo(answer + 1);
        assertThat(amd).isEqualTo(skip + 1);
        assertThat(machine).isEqualTo(amd + 1);
        assertThat(record).as("a machine is neither recorded nor played the notice").isEqualTo(machine + 1);
        assertThat(labelled(DialplanContract.OUTBOUND_CONTEXT, "notice")).startsWith("MixMonitor(");
        assertThat(labelled(DialplanContract.OUTBOUND_CONTEXT, "machine")).doesNotContain("AGI(", "MixMonitor(");
        int machineLanding = steps.indexOf(labelled(DialplanContract.OUTBOUND_CONTEXT, "machine"));
        assertThat(steps.get(machineLanding + 1)).startsWith("Hangup(");
    }

    @Test
    void theTrackerReadsTheVariablesAmdSets() {
        // Asterisk's AMD() sets AMDSTATUS (MACHINE, HUMAN, NOTSURE, HANGUP) and AMDCAUSE on the channel
        assertThat(DialplanContract.AMD_STATUS_VARIABLE).isEqualTo("AMDSTATUS");
        assertThat(DialplanContract.AMD_CAUSE_VARIABLE).isEqualTo("AMDCAUSE");
        assertThat(org.serveline.telephony.call.OutcomeTable.forAmdStatus(DialplanContract.AMD_MACHINE))
                .contains(org.serveline.telephony.call.OutcomeKind.ANSWERING_MACHINE);
    }

    /** The application of the step that carries label {@code label} ({@code same => n(label),App(...)}). */
    private static String labelled(String context, String label) {
        return extensions.one(context).entries().stream()
                .filter(entry -> entry.key().equals("same") && entry.value().startsWith("n(" + label + "),"))
                .map(entry -> entry.value().substring(("n(" + label + "),").length())).findFirst()
                .orElseThrow(() -> new AssertionError("no step labelled " + label + " in " + context));
    }

    @Test
    void outboundTransfersOnTheCodeTheNoticeApplicationLeaves() {
        String code = new TransferRequested("a", "u", null, Duration.ZERO, '0', java.util.List.of()).dialplanCode();

        assertThat(steps(DialplanContract.OUTBOUND_CONTEXT)).contains("GotoIf($[\""
                + var(DialplanContract.NOTICE_RESULT_VARIABLE) + "\" = \"" + code + "\"]?"
                + DialplanContract.OPERATOR_CONTEXT + "," + DialplanContract.TRANSFER_EXTENSION + ",1)");
    }

    @Test
    void consentStepRecordsAndRunsTheConsentApplication() {
        List<String> steps = steps(DialplanContract.CONSENT_CONTEXT);
        int record = steps.indexOf("MixMonitor(" + var(DialplanContract.ATTEMPT_ID_VARIABLE)
                + DialplanContract.CONSENT_RECORDING_SUFFIX + ".wav)");

        assertThat(record).isNotNegative();
        assertThat(steps.get(record + 1)).isEqualTo("AGI(" + agiCall(DialplanContract.CONSENT_AGI_PATH) + ")");
    }

    @Test
    void operatorCallRecordsByAttemptAndBridgesToTheParty() {
        List<String> steps = steps(DialplanContract.OPERATOR_CONTEXT);

        assertThat(steps).containsSubsequence(
                "Set(__" + DialplanContract.ATTEMPT_ID_VARIABLE + "=" + var(DialplanContract.ATTEMPT_ID_VARIABLE) + ")",
                "MixMonitor(" + var(DialplanContract.ATTEMPT_ID_VARIABLE) + ".wav)",
                "Dial(" + var(DialplanContract.PARTY_DIAL_VARIABLE) + ",60)");
    }

    @Test
    void everyAgiCallUsesAKnownPathAndEveryJumpALandingThatExists() {
        Set<String> paths = new LinkedHashSet<>();
        extensions.sections().forEach(section -> section.entries().forEach(entry -> {
            Matcher agi = AGI.matcher(entry.value());
            while (agi.find()) {
                paths.add(agi.group(1));
            }
            Matcher jump = GOTO.matcher(entry.value());
            while (jump.find()) {
                assertThat(extensionsOf(jump.group(1))).as(entry.value()).contains(jump.group(2));
            }
        }));

        assertThat(paths).containsExactlyInAnyOrder(agiCall(DialplanContract.NOTICE_AGI_PATH),
                agiCall(DialplanContract.CONSENT_AGI_PATH));
    }

    @Test
    void pjsipEndpointsLandInShippedContextsAndTheDefaultOperatorsExist() {
        Set<String> contexts = extensions.sections().stream().map(Section::name).collect(Collectors.toSet());
        Set<String> endpoints = pjsip.sections().stream()
                .filter(section -> section.values("type").contains("endpoint")
                        || section.templates().contains("operator-endpoint"))
                .map(Section::name).collect(Collectors.toSet());
        pjsip.sections().forEach(section -> section.values("context")
                .forEach(context -> assertThat(contexts).as("[" + section.name() + "] context").contains(context)));

        String defaults = extensions.one("globals").values(DialplanContract.DEFAULT_OPERATORS_VARIABLE).getFirst();
        List<String> operators = Arrays.stream(defaults.split("&")).map(dial -> dial.replace("PJSIP/", "")).toList();
        assertThat(endpoints).containsAll(operators).contains("agent100", "agent101", "trunk");
    }

    @Test
    void managerUserHasNarrowPrivilegesThatCoverTheActionsUsed() {
        Section user = manager.one("serveline");
        Set<String> read = Set.of(user.values("read").getFirst().split(","));
        Set<String> write = Set.of(user.values("write").getFirst().split(","));

        assertThat(read).contains("call", "dialplan").doesNotContain("all", "command", "config");
        assertThat(write).contains("originate", "call", "reporting").doesNotContain("all", "command", "config",
                "system");
        assertThat(user.values("permit")).isNotEmpty();
    }
}
