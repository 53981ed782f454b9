package org.serveline.server.web;

import java.util.List;
import org.serveline.server.web.FuzzEndpoints.Endpoint;
import org.serveline.server.web.FuzzRequests.FuzzRequest;

/**
 * Hands out requests round by round (one to every endpoint, then the next round), so a run cut short by its time
 * budget has still reached every endpoint equally. Each endpoint draws from its own generator seeded from the run's
 * seed and its name: one seed gives the same requests whatever the threads do.
 */
final class FuzzRounds {

    private final List<Endpoint> endpoints;
    private final List<FuzzRequests> generators;
    private final int rounds;
    private int next;

    FuzzRounds(List<Endpoint> endpoints, long seed, List<String> realIds, int rounds) {
        this.endpoints = List.copyOf(endpoints);
        this.generators = endpoints.stream()
                .map(e -> new FuzzRequests(seed ^ e.toString().hashCode(), realIds)).toList();
        this.rounds = rounds;
    }

    /** The next request, or null when every round is out. */
    synchronized FuzzRequest next() {
        if (next >= rounds * endpoints.size()) {
            return null;
        }
        int endpoint = next++ % endpoints.size();
        return generators.get(endpoint).next(endpoints.get(endpoint));
    }
}
