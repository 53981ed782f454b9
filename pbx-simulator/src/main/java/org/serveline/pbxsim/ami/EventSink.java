package org.serveline.pbxsim.ami;

/** Where the PBX's events go: every logged-in AMI session that asked for events. */
@FunctionalInterface
public interface EventSink {
    void publish(AmiMessage event);
}
