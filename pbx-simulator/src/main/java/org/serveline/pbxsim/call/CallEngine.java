package org.serveline.pbxsim.call;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.ami.AmiServer;
import org.serveline.pbxsim.ami.EventSink;
import org.serveline.pbxsim.recording.RecordingWriter;

/** Creates calls from Originate actions and registers the call actions on the AMI server. */
public final class CallEngine {

    private final EventLoopGroup group;
    private final CallEnvironment env;
    private final CallRegistry registry;

    public CallEngine(EventLoopGroup group, EventSink sink, CallSettings settings, RecordingWriter recorder) {
        this.group = group;
        this.registry = new CallRegistry();
        Bootstrap agiConnector = new Bootstrap().group(group).channel(NioSocketChannel.class);
        this.env = new CallEnvironment(sink, settings, registry, agiConnector, recorder);
    }

    public void registerActions(AmiServer server) {
        CallActions actions = new CallActions(this, registry);
        server.register("Originate", actions::originate);
        server.register("Hangup", actions::hangup);
        server.register("Redirect", actions::redirect);
        server.register("Setvar", actions::setvar);
        server.register("Getvar", actions::getvar);
        server.register("CoreShowChannels", actions::coreShowChannels);
        server.register("Status", actions::status);
    }

    public CallCounters counters() {
        return registry.counters();
    }

    /** Live channels, for observers and tests. */
    public List<SimChannel> channels() {
        return registry.channels();
    }

    /** Every live call vanishes without an AMI event, as when Asterisk is killed; returns how many there were. */
    public int vanishAll() {
        List<SimCall> calls = registry.calls();
        calls.forEach(call -> call.loop().execute(call::vanish));
        return calls.size();
    }

    CallSettings settings() {
        return env.settings();
    }

    void originate(OriginateRequest request, AmiMessage action, Consumer<AmiMessage> reply) {
        var party = env.settings().parties().apply(request.number());
        var loop = group.next();
        loop.execute(() -> {
            SimCall call = new SimCall(env, loop, request, party, action, reply);
            registry.add(call);
            call.start();
        });
    }

    Optional<SimCall> call(String channel) {
        return registry.call(channel);
    }
}
