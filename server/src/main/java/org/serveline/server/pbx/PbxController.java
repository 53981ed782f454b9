package org.serveline.server.pbx;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The health of every PBX link: a PBX that is DOWN receives no new calls. */
@RestController
class PbxController {

    private final PbxConnections connections;

    PbxController(PbxConnections connections) {
        this.connections = connections;
    }

    record PbxHealthView(String pbx, String status, Instant since, Instant lastEventAt, String detail, long reconnects) {
    }

    @GetMapping("/api/v1/pbxs")
    List<PbxHealthView> pbxs() {
        return connections.health().values().stream().map(h -> new PbxHealthView(h.pbxId(), h.status().name(), h.since(),
                h.lastEventAt().orElse(null), h.detail(), h.reconnects())).toList();
    }
}
