package org.serveline.server.lookup;

import java.util.List;

/** What one lookup did: each provider's answer, and the numbers that went back to the phone channel. */
public record LookupResult(long taskId, List<ProviderAnswer> answers, List<String> phonesAdded) {

    public LookupResult {
        answers = List.copyOf(answers);
        phonesAdded = List.copyOf(phonesAdded);
    }

    /** One provider's answer: OK, FAILED (with the error) or RATE_LIMITED (not asked). */
    public record ProviderAnswer(long queryId, String provider, String status, List<String> numbers,
            List<String> invalidNumbers, List<String> addresses, String error) {
    }
}
