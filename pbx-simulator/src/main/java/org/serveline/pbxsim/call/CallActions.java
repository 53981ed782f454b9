package org.serveline.pbxsim.call;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.serveline.pbxsim.ami.AmiMessage;

/** The AMI actions that act on calls, answered with Asterisk 22's headers and messages. */
final class CallActions {

    private final CallEngine engine;
    private final CallRegistry registry;

    CallActions(CallEngine engine, CallRegistry registry) {
        this.engine = engine;
        this.registry = registry;
    }

    void originate(AmiMessage action, Consumer<AmiMessage> reply) {
        OriginateRequest request;
        try {
            request = OriginateRequest.parse(action);
        } catch (OriginateRequest.InvalidOriginateException e) {
            reply.accept(AmiMessage.error(action, e.getMessage()));
            return;
        }
        registry.counters().originates().arrived();
        if (request.async()) {
            reply.accept(AmiMessage.success(action, "Originate successfully queued"));
        }
        engine.originate(request, action, reply);
    }

    void hangup(AmiMessage action, Consumer<AmiMessage> reply) {
        String name = action.getOrEmpty("Channel").trim();
        if (name.isEmpty()) {
            reply.accept(AmiMessage.error(action, "No channel specified"));
            return;
        }
        int cause = parseCause(action.getOrEmpty("Cause"));
        List<SimChannel> targets;
        if (name.length() > 2 && name.startsWith("/") && name.endsWith("/")) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(name.substring(1, name.length() - 1));
            } catch (PatternSyntaxException e) {
                reply.accept(AmiMessage.error(action, "Invalid regex"));
                return;
            }
            targets = registry.channels().stream().filter(ch -> pattern.matcher(ch.name()).find()).toList();
        } else {
            targets = registry.call(name).map(call -> List.of(channelOf(call, name))).orElse(List.of());
        }
        if (targets.isEmpty()) {
            reply.accept(AmiMessage.error(action, "No such channel"));
            return;
        }
        for (SimChannel target : targets) {
            registry.call(target.name()).ifPresent(call -> call.loop().execute(() -> call.hangupByManager(target, cause)));
        }
        reply.accept(AmiMessage.success(action, "Channel Hungup"));
    }

    private static int parseCause(String text) {
        try {
            return text.isBlank() ? 16 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 16;
        }
    }

    void redirect(AmiMessage action, Consumer<AmiMessage> reply) {
        String name = action.getOrEmpty("Channel").trim();
        Optional<SimCall> found = registry.call(name);
        if (found.isEmpty()) {
            reply.accept(AmiMessage.error(action, "Channel does not exist: " + name));
            return;
        }
        SimCall call = found.get();
        String context = action.getOrEmpty("Context").trim();
        String exten = action.get("Exten").map(String::trim).orElse("s");
        int priority;
        try {
            priority = Integer.parseInt(action.get("Priority").orElse("1").trim());
        } catch (NumberFormatException e) {
            reply.accept(AmiMessage.error(action, "Invalid priority"));
            return;
        }
        call.loop().execute(() -> {
            boolean done = channelOf(call, name) == call.one() && call.redirect(context, exten, priority);
            reply.accept(done ? AmiMessage.success(action, "Redirect successful")
                    : AmiMessage.error(action, "Redirect failed"));
        });
    }

    void setvar(AmiMessage action, Consumer<AmiMessage> reply) {
        String variable = action.getOrEmpty("Variable").trim();
        String value = action.getOrEmpty("Value");
        if (variable.isEmpty()) {
            reply.accept(AmiMessage.error(action, "No variable specified"));
            return;
        }
        String name = action.getOrEmpty("Channel").trim();
        if (name.isEmpty()) {
            engine.settings().globalVariables().put(variable, value);
            reply.accept(AmiMessage.success(action, "Variable Set"));
            return;
        }
        Optional<SimCall> found = registry.call(name);
        if (found.isEmpty()) {
            reply.accept(AmiMessage.error(action, "Channel not found"));
            return;
        }
        SimCall call = found.get();
        call.loop().execute(() -> {
            call.setVariable(channelOf(call, name), variable, value);
            reply.accept(AmiMessage.success(action, "Variable Set"));
        });
    }

    void getvar(AmiMessage action, Consumer<AmiMessage> reply) {
        String variable = action.getOrEmpty("Variable").trim();
        if (variable.isEmpty()) {
            reply.accept(AmiMessage.error(action, "No variable specified"));
            return;
        }
        String name = action.getOrEmpty("Channel").trim();
        String value;
        if (name.isEmpty()) {
            value = engine.settings().globalVariables().getOrDefault(variable, "");
        } else {
            Optional<SimCall> found = registry.call(name);
            if (found.isEmpty()) {
                reply.accept(AmiMessage.error(action, "No such channel"));
                return;
            }
            String v = channelOf(found.get(), name).variable(variable);
            value = v == null ? "" : v;
        }
        reply.accept(AmiMessage.response(action, "Success").add("Variable", variable).add("Value", value).build());
    }

    void coreShowChannels(AmiMessage action, Consumer<AmiMessage> reply) {
        reply.accept(listStart(action, "Channels will follow"));
        List<SimChannel> channels = registry.channels();
        for (SimChannel ch : channels) {
            AmiMessage.Builder b = AmiMessage.builder().add("Event", "CoreShowChannel");
            action.actionId().ifPresent(id -> b.add("ActionID", id));
            ch.appendTo(b, "");
            b.add("BridgeId", "").add("Application", ch.application()).add("ApplicationData", ch.applicationData())
                    .add("Duration", duration(pbxSeconds(ch)));
            reply.accept(b.build());
        }
        reply.accept(listComplete(action, "CoreShowChannelsComplete", channels.size()).build());
    }

    void status(AmiMessage action, Consumer<AmiMessage> reply) {
        String only = action.getOrEmpty("Channel").trim();
        List<String> wanted = action.get("Variables").map(v -> List.of(v.split(","))).orElse(List.of());
        List<SimChannel> channels = registry.channels().stream()
                .filter(ch -> only.isEmpty() || ch.name().equals(only)).toList();
        if (!only.isEmpty() && channels.isEmpty()) {
            reply.accept(AmiMessage.error(action, "No such channel"));
            return;
        }
        reply.accept(listStart(action, "Channel status will follow"));
        for (SimChannel ch : channels) {
            AmiMessage.Builder b = AmiMessage.event("Status", "Call");
            action.actionId().ifPresent(id -> b.add("ActionID", id));
            ch.appendTo(b, "");
            b.add("Type", ch.name().substring(0, ch.name().indexOf('/'))).add("DNID", "")
                    .add("EffectiveConnectedLineNum", ch.callerIdNum())
                    .add("EffectiveConnectedLineName", ch.callerIdName())
                    .add("TimeToHangup", "0").add("BridgeID", "")
                    .add("Application", ch.application()).add("Data", ch.applicationData())
                    .add("Nativeformats", "(ulaw)").add("Readformat", "ulaw").add("Readtrans", "")
                    .add("Writeformat", "ulaw").add("Writetrans", "").add("Callgroup", "0").add("Pickupgroup", "0")
                    .add("Seconds", pbxSeconds(ch));
            for (String var : wanted) {
                String v = ch.variable(var.trim());
                b.add("Variable", var.trim() + "=" + (v == null ? "" : v));
            }
            reply.accept(b.build());
        }
        reply.accept(listComplete(action, "StatusComplete", channels.size()).add("Items", channels.size()).build());
    }

    static AmiMessage listStart(AmiMessage action, String message) {
        return AmiMessage.response(action, "Success").add("EventList", "start").add("Message", message).build();
    }

    static AmiMessage.Builder listComplete(AmiMessage action, String event, int items) {
        AmiMessage.Builder b = AmiMessage.builder().add("Event", event);
        action.actionId().ifPresent(id -> b.add("ActionID", id));
        return b.add("EventList", "Complete").add("ListItems", items);
    }

    private static SimChannel channelOf(SimCall call, String name) {
        return call.one().name().equals(name) ? call.one() : call.two();
    }

    /** A channel's age in PBX time, as a caller of a real Asterisk would see it. */
    private long pbxSeconds(SimChannel channel) {
        return engine.settings().pbxNanos(channel.ageNanos()) / 1_000_000_000L;
    }

    private static String duration(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
