package org.serveline.server.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.serveline.server.security.Role;

class RoleSetTests {

    @Test
    void rolesAreStoredInTheOrderOfTheEnumAndReadBack() {
        String column = RoleSet.column(List.of(Role.ADMIN, Role.CLERK, Role.ADMIN));
        assertThat(column).isEqualTo("CLERK,ADMIN");
        assertThat(RoleSet.parse(column)).containsExactly(Role.CLERK, Role.ADMIN);
        assertThat(RoleSet.parse("")).isEmpty();
        assertThat(RoleSet.authorities(RoleSet.parse(column))).extracting(Object::toString)
                .containsExactly("ROLE_CLERK", "ROLE_ADMIN");
    }
}
