package org.serveline.pbxsim.ami;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One manager connection: banner, authentication, the session's own actions, and dispatch of the others. */
final class AmiSession extends SimpleChannelInboundHandler<AmiMessage> {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    private static final Logger log = LoggerFactory.getLogger(AmiSession.class);
    private static final DateTimeFormatter EVENT_TV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final AmiServer server;
    private final SecureRandom random = new SecureRandom();
    private Channel channel;
    private volatile boolean authenticated;
    private volatile boolean eventsOn;
    private String challenge;

    AmiSession(AmiServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.writeAndFlush(BANNER);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.detach(this);
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AmiMessage message) {
        String action = message.getOrEmpty("Action");
        if (action.isEmpty()) {
            log.warn("AMI message without Action from {}: {}", ctx.channel().remoteAddress(), message);
            reply(AmiMessage.error(message, "Missing action in request"));
            return;
        }
        switch (action.toLowerCase(Locale.ROOT)) {
            case "login" -> login(message);
            case "challenge" -> challenge(message);
            case "logoff" -> logoff(message);
            default -> dispatch(action, message);
        }
    }

    private void dispatch(String action, AmiMessage message) {
        if (!authenticated) {
            reply(AmiMessage.error(message, "Permission denied"));
            return;
        }
        if (!server.credentials().mayRun(action)) {
            // manager.c: the user's write= shares no class with the action's privilege
            log.info("AMI action {} refused: write={} lacks its privilege", action, server.credentials().write());
            reply(AmiMessage.error(message, "Permission denied"));
            return;
        }
        switch (action.toLowerCase(Locale.ROOT)) {
            case "ping" -> reply(AmiMessage.response(message, "Success")
                    .add("Ping", "Pong")
                    .add("Timestamp", String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0))
                    .build());
            case "events" -> events(message);
            // asterisk-java asks for the version right after login; fields as Asterisk 22's manager.c sends them
            case "coresettings" -> reply(AmiMessage.response(message, "Success")
                    .add("AMIversion", "11.0.0")
                    .add("AsteriskVersion", "22.10.1")
                    .add("SystemName", "")
                    .add("CoreMaxCalls", "0")
                    .add("CoreMaxLoadAvg", "0.000000")
                    .add("CoreRunUser", "")
                    .add("CoreRunGroup", "")
                    .add("CoreMaxFilehandles", "0")
                    .add("CoreRealTimeEnabled", "No")
                    .add("CoreCDRenabled", "No")
                    .add("CoreHTTPenabled", "No")
                    .add("SoundsSearchCustomDir", "No")
                    .build());
            default -> {
                ActionHandler handler = server.handler(action);
                if (handler == null) {
                    log.info("unknown AMI action {}", action);
                    reply(AmiMessage.error(message, "Invalid/unknown command: " + action
                            + ". Use Action: ListCommands to show available commands."));
                } else {
                    handle(handler, action, message);
                }
            }
        }
    }

    private void handle(ActionHandler handler, String action, AmiMessage message) {
        try {
            handler.handle(message, this::reply);
        } catch (RuntimeException e) {
            log.error("AMI action {} failed: {}", action, message, e);
            reply(AmiMessage.error(message, "Internal error while processing " + action));
        }
    }

    private void challenge(AmiMessage message) {
        if (!"md5".equalsIgnoreCase(message.getOrEmpty("AuthType"))) {
            reply(AmiMessage.error(message, "Must specify AuthType"));
            return;
        }
        if (challenge == null) {
            challenge = Long.toString(random.nextLong(1, 1L << 31));
        }
        reply(AmiMessage.response(message, "Success").add("Challenge", challenge).build());
    }

    private void login(AmiMessage message) {
        String user = message.getOrEmpty("Username");
        boolean md5 = "md5".equalsIgnoreCase(message.getOrEmpty("AuthType"));
        boolean accepted = md5
                ? server.credentials().acceptsMd5(user, challenge, message.getOrEmpty("Key"))
                : server.credentials().acceptsPlain(user, message.getOrEmpty("Secret"));
        if (!accepted) {
            log.warn("AMI login refused for user '{}' from {}", user, channel.remoteAddress());
            channel.writeAndFlush(AmiMessage.error(message, "Authentication failed").encode())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        authenticated = true;
        eventsOn = !"off".equalsIgnoreCase(message.getOrEmpty("Events").trim());
        reply(AmiMessage.success(message, "Authentication accepted"));
        if (eventsOn) {
            reply(AmiMessage.event("FullyBooted", "system,all")
                    .add("Uptime", server.uptimeSeconds())
                    .add("LastReload", server.uptimeSeconds())
                    .add("Status", "Fully Booted")
                    .build());
            // SuccessfulAuth is a queued event in Asterisk, so the user's eventfilter applies; FullyBooted is not
            AmiMessage auth = successfulAuth(user);
            if (server.credentials().eventFilter().allows(auth)) {
                reply(auth);
            }
        }
        server.attach(this);
    }

    private AmiMessage successfulAuth(String user) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).format(EVENT_TV);
        return AmiMessage.event("SuccessfulAuth", "security,all")
                .add("EventTV", now)
                .add("Severity", "Informational")
                .add("Service", "AMI")
                .add("EventVersion", "1")
                .add("AccountID", user)
                .add("SessionID", "0x" + Integer.toHexString(System.identityHashCode(this)))
                .add("LocalAddress", address(channel.localAddress()))
                .add("RemoteAddress", address(channel.remoteAddress()))
                .add("UsingPassword", "0")
                .add("SessionTV", now)
                .build();
    }

    private static String address(java.net.SocketAddress socketAddress) {
        InetSocketAddress inet = (InetSocketAddress) socketAddress;
        return "IPV4/TCP/" + inet.getAddress().getHostAddress() + "/" + inet.getPort();
    }

    private void events(AmiMessage message) {
        String mask = message.getOrEmpty("EventMask").trim().toLowerCase(Locale.ROOT);
        eventsOn = !(mask.equals("off") || mask.equals("no") || mask.equals("false") || mask.equals("0"));
        reply(AmiMessage.response(message, "Success").add("Events", eventsOn ? "On" : "Off").build());
    }

    private void logoff(AmiMessage message) {
        server.detach(this);
        channel.writeAndFlush(AmiMessage.response(message, "Goodbye")
                        .add("Message", "Thanks for all the fish.").build().encode())
                .addListener(ChannelFutureListener.CLOSE);
    }

    void reply(AmiMessage message) {
        if (channel.isActive()) {
            channel.writeAndFlush(message.encode());
        }
    }

    void sendEvent(ByteBuf bytes) {
        if (eventsOn && authenticated && channel.isActive()) {
            channel.writeAndFlush(bytes);
        } else {
            bytes.release();
        }
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.warn("AMI line longer than {} bytes from {} discarded", AmiServer.MAX_LINE, ctx.channel().remoteAddress());
            return;
        }
        log.warn("AMI session {} failed, closing: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
