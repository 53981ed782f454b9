package org.serveline.pbxsim.call;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PBX side of one FastAGI session, as Asterisk runs it: connect, send the agi_ environment, then read one
 * command at a time and answer in Asterisk's words, with AGIExecStart/AGIExecEnd on AMI. When the channel
 * hangs up the running command ends with -1, the line {@code HANGUP} is sent and later commands get 511.
 * Registered on the call's event loop, so it shares the call's thread.
 */
final class AgiSession extends SimpleChannelInboundHandler<String> {

    static final String DEAD_CHANNEL = "Command Not Permitted on a dead channel or intercept routine";
    private static final Logger log = LoggerFactory.getLogger(AgiSession.class);

    private final SimCall call;
    private final String data;
    private final Bootstrap connector;
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private final ArrayDeque<Character> digits = new ArrayDeque<>();
    private AgiUrl url;
    private Channel channel;
    private AgiOperation active;
    private ScheduledFuture<?> idleTimer;
    private boolean dead;
    private boolean ended;
    private final AgiTurnTimes turns;
    private long sentAt;

    AgiSession(SimCall call, String data, Bootstrap connector, AgiTurnTimes turns) {
        this.call = call;
        this.data = data;
        this.connector = connector;
        this.turns = turns;
    }

    void connect() {
        try {
            url = AgiUrl.parse(data);
        } catch (IllegalArgumentException e) {
            log.warn("AGI on {} not started: {}", call.one().name(), e.getMessage());
            call.loop().execute(() -> end("FAILURE"));
            return;
        }
        connector.clone(call.loop()).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new LineBasedFrameDecoder(8192))
                        .addLast(new StringDecoder(StandardCharsets.UTF_8))
                        .addLast(new StringEncoder(StandardCharsets.UTF_8))
                        .addLast(AgiSession.this);
            }
        }).connect(url.host(), url.port()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.warn("FastAGI server {}:{} unreachable for {}: {}", url.host(), url.port(), call.one().name(),
                        f.cause().toString());
                end("FAILURE");
            }
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.writeAndFlush(AgiEnvironment.block(call.one(), url));
        sentAt = System.nanoTime();
        if (dead) {
            ctx.writeAndFlush("HANGUP\n");
        }
        armIdleTimer();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        String command = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (command.isBlank()) {
            return;
        }
        if (sentAt != 0) {
            turns.record(System.nanoTime() - sentAt);
            sentAt = 0;
        }
        queued.add(command);
        drain();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(dead ? "HANGUP" : "SUCCESS");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("FastAGI session of {} failed: {}", call.one().name(), cause.toString());
        ctx.close();
    }

    private void drain() {
        cancelIdleTimer();
        while (active == null && !queued.isEmpty() && !ended) {
            execute(queued.poll());
        }
        if (active == null && !ended) {
            armIdleTimer();
        }
    }

    private void execute(String line) {
        AgiCommand command = AgiCommand.parse(line);
        long id = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        call.emit(CallEvents.agiExecStart(call.one(), id, line));
        AgiCommand.Verb verb = command.verb();
        if (dead && !allowedOnDeadChannel(verb)) {
            finish(id, line, 511, DEAD_CHANNEL, "511 " + DEAD_CHANNEL);
            return;
        }
        AgiOperation.start(this, id, command, verb);
    }

    /** Marks a command that finishes later as the running one, before it starts (it may end at once). */
    void activate(AgiOperation operation) {
        active = operation;
    }

    private static boolean allowedOnDeadChannel(AgiCommand.Verb verb) {
        return switch (verb) {
            case GET_VARIABLE, SET_VARIABLE, VERBOSE, NOOP -> true;
            default -> false;
        };
    }

    /** Ends a command: AGIExecEnd on AMI, then the reply line to the FastAGI server. */
    void finish(long id, String line, int resultCode, String result, String reply) {
        call.emit(CallEvents.agiExecEnd(call.one(), id, line, resultCode, result));
        write(reply);
        sentAt = System.nanoTime();
        active = null;
        if (!queued.isEmpty()) {
            call.loop().execute(this::drain);
        } else if (!ended) {
            armIdleTimer();
        }
    }

    void write(String line) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(line + "\n");
        }
    }

    /** The AGI's own HANGUP command: reply, then the HANGUP notification as in traces 1001/1007. */
    void hangupCommand(long id, String line) {
        call.agiHangsUp();
        dead = true;
        finish(id, line, 200, "Success", "200 result=1");
        write("HANGUP");
    }

    /** The channel hung up (or was redirected) under the AGI. */
    void channelHungUp() {
        if (dead || ended) {
            return;
        }
        dead = true;
        AgiOperation running = active;
        if (running != null) {
            running.hangup();
        }
        write("HANGUP");
    }

    /** A digit reached the channel: the running command may take it; when idle, it waits for the next read. */
    void digit(char digit) {
        if (active != null) {
            active.digit(digit);
        } else {
            digits.add(digit);
        }
    }

    Character takeBufferedDigit() {
        return digits.poll();
    }

    SimCall call() {
        return call;
    }

    private void armIdleTimer() {
        cancelIdleTimer();
        long nanos = call.settings().agiIdleTimeout().toNanos();
        idleTimer = call.loop().schedule(() -> {
            log.warn("FastAGI server sent no command for {} on {}; closing the session",
                    call.settings().agiIdleTimeout(), call.one().name());
            close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void end(String status) {
        if (ended) {
            return;
        }
        ended = true;
        cancelIdleTimer();
        if (active != null) {
            active.cancel();
            active = null;
        }
        call.agiEnded(status);
    }

    /** Closes the connection; the session then ends like a server hang-up. */
    void close() {
        cancelIdleTimer();
        if (channel != null) {
            channel.close();
        }
    }

    /** Closes without reporting back to the call (the call has already ended). */
    void abandon() {
        ended = true;
        close();
    }
}
