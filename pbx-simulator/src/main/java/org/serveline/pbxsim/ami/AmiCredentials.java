package org.serveline.pbxsim.ami;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** The one manager user the simulator knows (like a [user] section of manager.conf). */
public record AmiCredentials(String username, String secret) {

    public AmiCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
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
