package org.serveline.server.task;

/** How urgently a task is to be worked; the dialer orders by it, then by hearing date. */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW
}
