package org.serveline.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.serveline.server.call.PbxGateway;

class TrunkCapacityTests {

    /** Two PBXs: "a" with two trunks of 10 channels and a limit of 12 of its own, "b" with one trunk of 5. */
    private static final class TwoPbxs implements PbxGateway {
        final Set<String> down = new java.util.HashSet<>();

        @Override
        public List<Trunk> trunks() {
            return List.of(new Trunk("a", "a1", 10, 1000, 12), new Trunk("a", "a2", 10, 1000, 12),
                    new Trunk("b", "b1", 5, 1000, 0));
        }

        @Override
        public boolean isUp(String pbxId) {
            return !down.contains(pbxId);
        }

        @Override
        public CompletableFuture<Void> originate(OutboundCall call) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Set<String>> liveAttemptIds(String pbxId) {
            throw new UnsupportedOperationException();
        }
    }

    /** Grants what is asked, up to a per-trunk budget, and remembers what was asked. */
    private static final class Budgets extends CallRates {
        final Map<String, Integer> left = new HashMap<>(Map.of("a/a1", 100, "a/a2", 100, "b/b1", 100));

        Budgets() {
            super(null, null);
        }

        @Override
        public int reserveTrunk(String trunkKey, double callsPerSecond, int wanted) {
            int granted = Math.min(wanted, left.get(trunkKey));
            left.merge(trunkKey, -granted, Integer::sum);
            return granted;
        }

        @Override
        public void releaseTrunk(String trunkKey, int unused) {
            left.merge(trunkKey, unused, Integer::sum);
        }
    }

    private final TwoPbxs gateway = new TwoPbxs();
    private final Budgets budgets = new Budgets();
    private final TrunkCapacity capacity = new TrunkCapacity(gateway, budgets);

    @Test
    void aPbxLimitCapsItsTrunksTogether() {
        assertThat(capacity.freeChannels(Map.of())).isEqualTo(12 + 5);
        assertThat(capacity.freeChannels(Map.of("a/a1", 7, "a/a2", 3))).isEqualTo(2 + 5);
        assertThat(capacity.freeChannels(Map.of("a/a1", 10, "a/a2", 2, "b/b1", 5))).isZero();
    }

    @Test
    void takeNeverPassesThePbxLimitAndThenUsesTheOtherPbx() {
        Map<String, Integer> live = new HashMap<>(Map.of("a/a1", 6, "a/a2", 5, "b/b1", 4));
        capacity.reserve(10, live);

        Optional<PbxGateway.Trunk> first = capacity.take(live);
        Optional<PbxGateway.Trunk> second = capacity.take(live);

        assertThat(first).map(PbxGateway.Trunk::pbxId).contains("a");
        assertThat(second).map(PbxGateway.Trunk::pbxId).contains("b");
        assertThat(live.get("a/a1") + live.get("a/a2")).isEqualTo(12);
    }

    @Test
    void aPbxWhoseLinkIsDownGetsNoCalls() {
        gateway.down.add("a");

        assertThat(capacity.freeChannels(Map.of())).isEqualTo(5);
        assertThat(capacity.reserve(3, Map.of())).isEqualTo(3);
        assertThat(capacity.take(new HashMap<>())).map(PbxGateway.Trunk::pbxId).contains("b");
    }

    @Test
    void noCallWithoutReservedBudgetAndNoCarryOverToTheNextTick() {
        budgets.left.put("a/a1", 1);
        budgets.left.put("a/a2", 0);
        budgets.left.put("b/b1", 0);
        Map<String, Integer> live = new HashMap<>();

        assertThat(capacity.reserve(5, live)).isEqualTo(1);
        assertThat(capacity.take(live)).map(PbxGateway.Trunk::name).contains("a1");
        assertThat(capacity.take(live)).isEmpty();

        budgets.left.put("b/b1", 2);
        assertThat(capacity.reserve(1, live)).isEqualTo(1);
        assertThat(capacity.take(live)).map(PbxGateway.Trunk::name).contains("b1");
        assertThat(capacity.take(live)).as("the second token of b1 was not reserved").isEmpty();
    }

    @Test
    void reservesNoMoreThanATrunksFreeChannels() {
        capacity.reserve(50, Map.of("a/a1", 8, "a/a2", 10, "b/b1", 0));

        assertThat(budgets.left).containsEntry("a/a1", 98).containsEntry("a/a2", 100).containsEntry("b/b1", 95);
    }

    @Test
    void whatATickDidNotDialGoesBackToEachTrunk() {
        Map<String, Integer> live = new HashMap<>();
        assertThat(capacity.reserve(3, live)).as("3 on each of a1, a2, b1").isEqualTo(9);
        capacity.take(live);
        capacity.take(live);

        assertThat(capacity.releaseUnused()).isEqualTo(7);
        assertThat(budgets.left.values().stream().mapToInt(Integer::intValue).sum()).as("300 less the 2 dialled")
                .isEqualTo(298);
        assertThat(capacity.take(live)).as("nothing reserved any more").isEmpty();
        assertThat(capacity.releaseUnused()).isZero();
    }
}
