package org.serveline.server.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTests {

    private final VerifiedPasswords verified = new VerifiedPasswords();

    @Test
    void onlyTheSamePasswordAgainstTheSameStoredHashIsKnown() {
        assertThat(verified.known("clerk", "{bcrypt}$2a$04$one", "clerk-pw")).isFalse();
        verified.remember("clerk", "{bcrypt}$2a$04$one", "clerk-pw");

        assertThat(verified.known("clerk", "{bcrypt}$2a$04$one", "clerk-pw")).isTrue();
        assertThat(verified.known("clerk", "{bcrypt}$2a$04$one", "clerk-pw ")).as("another password").isFalse();
        assertThat(verified.known("clerk", "{bcrypt}$2a$04$two", "clerk-pw")).as("the password was reset").isFalse();
        assertThat(verified.known("reviewer", "{bcrypt}$2a$04$one", "clerk-pw")).as("another name").isFalse();
    }
}
