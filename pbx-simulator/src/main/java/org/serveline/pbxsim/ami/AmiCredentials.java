package org.serveline.pbxsim.ami;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one manager user the simulator knows (like a [user] section of manager.conf), with its {@code write=}
 * classes: an action outside them is answered {@code Permission denied}, as Asterisk does; and its
 * {@code eventfilter} lines: an event they do not let through is not sent to the user's sessions.
 */
public record AmiCredentials(String username, String secret, Set<String> write, EventFilter eventFilter) {

    public AmiCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(eventFilter, "eventFilter");
        write = write.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A user without eventfilter lines: every event is sent. */
    public AmiCredentials(String username, String secret, Set<String> write) {
        this(username, secret, write, EventFilter.NONE);
    }

    /** A user with {@code write = all}, as in the recorded traces. */
    public AmiCredentials(String username, String secret) {
        this(username, secret, Set.of(ActionPrivileges.ALL));
    }

    boolean mayRun(String action) {
        return ActionPrivileges.allows(write, action);
    }

    boolean acceptsPlain(String user, String givenSecret) {
        return username.equals(user) && secret.equals(givenSecret);
    }

    /** Asterisk's MD5 scheme: Key = hex(md5(challenge + secret)). */
    boolean acceptsMd5(String user, String challenge, String key) {
        return username.equals(user) && challenge != null && md5Hex(challenge + secret).equalsIgnoreCase(key);
    }

    static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
