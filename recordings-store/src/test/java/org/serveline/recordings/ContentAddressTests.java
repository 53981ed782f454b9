package org.serveline.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

class ContentAddressTests {

    @Test
    void isTheLowercaseHexOfTheDigest() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[0]);

        assertThat(ContentAddress.ofDigest(digest).sha256())
            .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void parseAcceptsUpperCase() {
        assertThat(ContentAddress.parse("AB".repeat(32))).isEqualTo(new ContentAddress("ab".repeat(32)));
    }

    @Test
    void refusesPathsAndShortStrings() {
        assertThatThrownBy(() -> new ContentAddress("../" + "a".repeat(61)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a content address");
        assertThatThrownBy(() -> ContentAddress.ofDigest(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
