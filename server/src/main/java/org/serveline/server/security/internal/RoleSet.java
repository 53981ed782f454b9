package org.serveline.server.security.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.serveline.server.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Roles as the database keeps them (names, comma-separated, in the order of {@link Role}) and as Spring sees them. */
public final class RoleSet {

    private RoleSet() {
    }

    public static String column(Collection<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    public static Set<Role> parse(String column) {
        if (column == null || column.isBlank()) {
            return EnumSet.noneOf(Role.class);
        }
        return Arrays.stream(column.split(",")).map(String::strip).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public static List<GrantedAuthority> authorities(Collection<Role> roles) {
        return roles.stream().sorted().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }
}
