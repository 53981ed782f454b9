package org.serveline.pbxsim.ami;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.LongAdder;

/** The AMI listener: accepts manager sessions, dispatches their actions and fans events out to them. */
public final class AmiServer implements EventSink, AutoCloseable {

    static final int MAX_LINE = 8192;

    private final EventLoopGroup group;
    private final AmiCredentials credentials;
    private final Map<String, ActionHandler> handlers = new ConcurrentHashMap<>();
    private final Set<AmiSession> sessions = new CopyOnWriteArraySet<>();
    private final long startedAtMillis = System.currentTimeMillis();
    private final LongAdder passed = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private Channel serverChannel;

    public AmiServer(EventLoopGroup group, AmiCredentials credentials) {
        this.group = group;
        this.credentials = credentials;
    }

    /** Registers the handler of an action (name compared ignoring case). */
    public void register(String action, ActionHandler handler) {
        handlers.put(action.toLowerCase(Locale.ROOT), handler);
    }

    public InetSocketAddress bind(String host, int port) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new LineBasedFrameDecoder(MAX_LINE, true, false))
                                .addLast(new StringDecoder(StandardCharsets.UTF_8))
                                .addLast(new StringEncoder(StandardCharsets.UTF_8))
                                .addLast(new AmiMessageDecoder())
                                .addLast(new AmiSession(AmiServer.this));
                    }
                });
        serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void publish(AmiMessage event) {
        if (sessions.isEmpty()) {
            return;
        }
        String text = event.encode();
        // the one user's eventfilter, as manager.c applies it before queueing the event for each of its sessions
        if (!credentials.eventFilter().allows(event.getOrEmpty("Event"), text)) {
            filtered.increment();
            return;
        }
        passed.increment();
        ByteBuf bytes = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            for (AmiSession session : sessions) {
                session.sendEvent(bytes.retainedDuplicate());
            }
        } finally {
            bytes.release();
        }
    }

    ActionHandler handler(String action) {
        return handlers.get(action.toLowerCase(Locale.ROOT));
    }

    AmiCredentials credentials() {
        return credentials;
    }

    long uptimeSeconds() {
        return (System.currentTimeMillis() - startedAtMillis) / 1000;
    }

    void attach(AmiSession session) {
        sessions.add(session);
    }

    void detach(AmiSession session) {
        sessions.remove(session);
    }

    /**
     * Closes every logged-in manager session at once, as a PBX restart or a network cut would; the listener stays open,
     * so clients can log in again, and the calls go on.
     *
     * @return how many sessions were open
     */
    public int dropSessions() {
        int dropped = 0;
        for (AmiSession session : sessions) {
            session.close();
            dropped++;
        }
        return dropped;
    }

    /** Events the user's eventfilter let through while a session was logged in (each counted once). */
    public long eventsPassed() {
        return passed.sum();
    }

    /** Events the user's eventfilter held back while a session was logged in. */
    public long eventsFiltered() {
        return filtered.sum();
    }

    /** Manager sessions currently logged in. */
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        for (AmiSession session : sessions) {
            session.close();
        }
    }
}
