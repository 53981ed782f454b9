package org.serveline.server.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords bcrypt accepted a moment ago, so a script's HTTP Basic requests do not pay bcrypt each (at cost 10 some
 * 0.1–0.5 s a check): per name, an HMAC (under a key that lives only in this process) of the password and the stored
 * hash, kept for {@link #TTL}. A changed password changes the stored hash, so an old entry no longer matches; a
 * wrong password is never remembered and always pays bcrypt (ADR 0019).
 */
class VerifiedPasswords {

    static final Duration TTL = Duration.ofMinutes(5);

    private final Cache<String, byte[]> proofs = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL)
            .build();
    private final SecretKeySpec key;

    VerifiedPasswords() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    boolean known(String name, String storedHash, String password) {
        byte[] proof = proofs.getIfPresent(name);
        return proof != null && MessageDigest.isEqual(proof, proof(name, storedHash, password));
    }

    void remember(String name, String storedHash, String password) {
        proofs.put(name, proof(name, storedHash, password));
    }

    private byte[] proof(String name, String storedHash, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((name + '\0' + storedHash + '\0' + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
