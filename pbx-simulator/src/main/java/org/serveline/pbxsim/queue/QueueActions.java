package org.serveline.pbxsim.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.ami.AmiServer;

/** app_queue's member actions over in-memory queues (a queue exists once a member is added to it). */
public final class QueueActions {

    private final Map<String, Map<String, Boolean>> pausedByInterfaceByQueue = new ConcurrentHashMap<>();

    public void registerActions(AmiServer server) {
        server.register("QueueAdd", this::add);
        server.register("QueueRemove", this::remove);
        server.register("QueuePause", this::pause);
    }

    /** Whether the member is in the queue and paused; null when it is not a member. */
    public Boolean paused(String queue, String iface) {
        return pausedByInterfaceByQueue.getOrDefault(queue, Map.of()).get(iface);
    }

    private void add(AmiMessage action, Consumer<AmiMessage> reply) {
        String queue = action.getOrEmpty("Queue").trim();
        String iface = action.getOrEmpty("Interface").trim();
        if (queue.isEmpty() || iface.isEmpty()) {
            reply.accept(AmiMessage.error(action, queue.isEmpty() ? "'Queue' not specified." : "'Interface' not specified."));
            return;
        }
        boolean paused = "true".equalsIgnoreCase(action.getOrEmpty("Paused").trim());
        Boolean previous = pausedByInterfaceByQueue.computeIfAbsent(queue, q -> new ConcurrentHashMap<>())
                .putIfAbsent(iface, paused);
        reply.accept(previous == null ? AmiMessage.success(action, "Added interface to queue")
                : AmiMessage.error(action, "Unable to add interface: Already there"));
    }

    private void remove(AmiMessage action, Consumer<AmiMessage> reply) {
        String queue = action.getOrEmpty("Queue").trim();
        String iface = action.getOrEmpty("Interface").trim();
        Map<String, Boolean> members = pausedByInterfaceByQueue.get(queue);
        if (members == null) {
            reply.accept(AmiMessage.error(action, "Unable to remove interface: No such queue"));
        } else if (members.remove(iface) == null) {
            reply.accept(AmiMessage.error(action, "Unable to remove interface: Not there"));
        } else {
            reply.accept(AmiMessage.success(action, "Removed interface from queue"));
        }
    }

    private void pause(AmiMessage action, Consumer<AmiMessage> reply) {
        String iface = action.getOrEmpty("Interface").trim();
        String queue = action.getOrEmpty("Queue").trim();
        boolean paused = "true".equalsIgnoreCase(action.getOrEmpty("Paused").trim());
        if (iface.isEmpty()) {
            reply.accept(AmiMessage.error(action, "Need 'Interface' and 'Paused' parameters."));
            return;
        }
        boolean found = false;
        for (Map.Entry<String, Map<String, Boolean>> entry : pausedByInterfaceByQueue.entrySet()) {
            if ((queue.isEmpty() || entry.getKey().equals(queue)) && entry.getValue().containsKey(iface)) {
                entry.getValue().put(iface, paused);
                found = true;
            }
        }
        reply.accept(found ? AmiMessage.success(action, paused ? "Interface paused successfully" : "Interface unpaused successfully")
                : AmiMessage.error(action, "Interface not found"));
    }
}
