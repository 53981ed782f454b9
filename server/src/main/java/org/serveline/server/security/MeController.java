package org.serveline.server.security;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, so the console shows each person only the screens their roles may use. */
@RestController
class MeController {

    /** The signed-in person: name and roles, in the order of {@link Role}. */
    record Me(String name, List<Role> roles) {
    }

    @GetMapping("/api/v1/me")
    Me me(Authentication authentication) {
        return of(authentication);
    }

    static Me of(Authentication authentication) {
        Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        List<Role> roles = Arrays.stream(Role.values()).filter(role -> authorities.contains("ROLE_" + role.name()))
                .toList();
        return new Me(authentication.getName(), roles);
    }
}
