package org.serveline.server.security;

import org.serveline.server.security.internal.StaffUserRows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who the people are, for other features (e.g. whether a name is a field agent): read from the database. */
@Service
public class StaffDirectory {

    private final StaffUserRows users;

    StaffDirectory(StaffUserRows users) {
        this.users = users;
    }

    /** Whether an enabled person of that name holds the role. */
    @Transactional(readOnly = true)
    public boolean hasRole(String name, Role role) {
        return name != null && users.find(name).filter(u -> u.enabled() && u.roles().contains(role)).isPresent();
    }
}
