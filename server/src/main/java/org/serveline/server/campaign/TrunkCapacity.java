package org.serveline.server.campaign;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.serveline.server.call.PbxGateway;
import org.springframework.stereotype.Component;

/**
 * Where the next call may go: a trunk of a PBX whose link is up, below its channel limit and below its PBX's
 * limit over all trunks (live attempts are counted in the database, so every node sees the same figures), and
 * with calls-per-second budget left: each tick reserves its share from the trunk's bucket shared by all nodes
 * ({@link CallRates}). Asterisk has no CPS limit of its own, so this is the only one.
 */
@Component
class TrunkCapacity {

    private final PbxGateway gateway;
    private final CallRates rates;
    private final Map<String, Integer> allowance = new ConcurrentHashMap<>();

    TrunkCapacity(PbxGateway gateway, CallRates rates) {
        this.gateway = gateway;
        this.rates = rates;
    }

    /**
     * Reserves, on every up trunk with free channels, the calls-per-second budget for up to {@code wanted} calls in
     * this tick; returns the calls reserved in all. What a tick does not use goes back with {@link #releaseUnused()}.
     */
    synchronized int reserve(int wanted, Map<String, Integer> liveByTrunk) {
        allowance.clear();
        gateway.trunks().stream().filter(t -> gateway.isUp(t.pbxId())).forEach(t -> {
            int free = Math.max(0, t.maxChannels() - liveByTrunk.getOrDefault(key(t), 0));
            allowance.put(key(t), rates.reserveTrunk(key(t), t.callsPerSecond(), Math.min(wanted, free)));
        });
        return allowance.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Gives what is left of this tick's reservation back to the trunks' buckets, so that another node (or the next
     * tick) may dial it; returns how many calls' worth went back.
     */
    synchronized int releaseUnused() {
        int unused = 0;
        for (Map.Entry<String, Integer> left : allowance.entrySet()) {
            if (left.getValue() > 0) {
                rates.releaseTrunk(left.getKey(), left.getValue());
                unused += left.getValue();
            }
        }
        allowance.clear();
        return unused;
    }

    /** How many more calls the up trunks hold right now, given the live counts (and their PBXs' limits). */
    int freeChannels(Map<String, Integer> liveByTrunk) {
        return gateway.trunks().stream().filter(t -> gateway.isUp(t.pbxId()))
                .collect(Collectors.groupingBy(PbxGateway.Trunk::pbxId)).values().stream()
                .mapToInt(trunks -> freeOnPbx(trunks, liveByTrunk)).sum();
    }

    private static int freeOnPbx(List<PbxGateway.Trunk> trunks, Map<String, Integer> liveByTrunk) {
        int byTrunks = trunks.stream()
                .mapToInt(t -> Math.max(0, t.maxChannels() - liveByTrunk.getOrDefault(key(t), 0))).sum();
        int pbxLimit = trunks.getFirst().pbxMaxChannels();
        return pbxLimit == 0 ? byTrunks
                : Math.min(byTrunks, Math.max(0, pbxLimit - liveOnPbx(trunks.getFirst().pbxId(), liveByTrunk)));
    }

    private static int liveOnPbx(String pbxId, Map<String, Integer> liveByTrunk) {
        return liveByTrunk.entrySet().stream().filter(e -> e.getKey().startsWith(pbxId + "/"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** Picks the least loaded up trunk with a free channel and reserved budget, counting the call against both. */
    synchronized Optional<PbxGateway.Trunk> take(Map<String, Integer> liveByTrunk) {
        return gateway.trunks().stream()
                .filter(t -> gateway.isUp(t.pbxId()))
                .filter(t -> liveByTrunk.getOrDefault(key(t), 0) < t.maxChannels())
                .filter(t -> t.pbxMaxChannels() == 0 || liveOnPbx(t.pbxId(), liveByTrunk) < t.pbxMaxChannels())
                .sorted(Comparator.comparingDouble(t -> liveByTrunk.getOrDefault(key(t), 0) / (double) t.maxChannels()))
                .filter(t -> allowance.getOrDefault(key(t), 0) > 0)
                .findFirst()
                .map(t -> {
                    liveByTrunk.merge(key(t), 1, Integer::sum);
                    allowance.merge(key(t), -1, Integer::sum);
                    return t;
                });
    }

    static String key(PbxGateway.Trunk trunk) {
        return trunk.pbxId() + "/" + trunk.name();
    }
}
