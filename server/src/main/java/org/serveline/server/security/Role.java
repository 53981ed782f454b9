package org.serveline.server.security;

/** What a person does in the center (DESIGN.md, "Who uses it"). */
public enum Role {
    CLERK, REVIEWER, OPERATOR, FIELD, SUPERVISOR, ADMIN
}
