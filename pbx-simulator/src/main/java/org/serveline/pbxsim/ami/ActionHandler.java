package org.serveline.pbxsim.ami;

import java.util.function.Consumer;

/**
 * Handles one AMI action for an authenticated session. {@code reply} writes a message back on that session;
 * it may be called from any thread, any number of times (lists), and later (a synchronous Originate).
 */
@FunctionalInterface
public interface ActionHandler {
    void handle(AmiMessage action, Consumer<AmiMessage> reply);
}
