package org.serveline.server.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on RFC 9457 problem responses. */
public final class Problems {

    private Problems() {
    }

    public static void assertProblem(ApiClient.Response response, int status, String detailContains) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("detail").asString()).contains(detailContains);
    }
}
