package org.serveline.server.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationHeaderTests {

    @Test
    void onlyAWellFormedBearerOrBasicCarriesCredentials() {
        assertThat(AuthorizationHeader.carriesCredentials("Bearer svl_abc-DEF_123")).isTrue();
        assertThat(AuthorizationHeader.carriesCredentials("bearer abc==")).isTrue();
        assertThat(AuthorizationHeader.carriesCredentials("Basic Y2xlcms6Y2xlcmstcHc=")).isTrue(); // clerk:clerk-pw
        assertThat(AuthorizationHeader.carriesCredentials(null)).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("")).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("Foo bar")).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("Digest username=x")).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("Bearer")).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("Bearer a b")).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("Basic")).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("Basic !!!")).isFalse();
        assertThat(AuthorizationHeader.carriesCredentials("Basic bm9jb2xvbg==")).isFalse(); // "nocolon"
        assertThat(AuthorizationHeader.carriesCredentials("Basic OnB3")).isFalse(); // ":pw": no name
    }
}
