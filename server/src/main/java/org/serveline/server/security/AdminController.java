package org.serveline.server.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.serveline.server.security.internal.ApiToken;
import org.serveline.server.security.internal.ApiTokens;
import org.serveline.server.security.internal.StaffUser;
import org.serveline.server.security.internal.StaffUsers;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An administrator's work: people (create, roles, password, disable, unlock) and API tokens (create, revoke). */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

    static final String NAME = "[A-Za-z0-9._@-]{1,100}";

    private final StaffUsers users;
    private final ApiTokens tokens;
    private final CurrentActor actor;

    AdminController(StaffUsers users, ApiTokens tokens, CurrentActor actor) {
        this.users = users;
        this.tokens = tokens;
        this.actor = actor;
    }

    record NewUser(@NotBlank @Pattern(regexp = NAME) String name, @NotBlank @Size(min = 8, max = 200) String password,
            @NotEmpty Set<Role> roles) {
    }

    record RolesChange(@NotEmpty Set<Role> roles) {
    }

    record PasswordReset(@NotBlank @Size(min = 8, max = 200) String password) {
    }

    record NewToken(@NotBlank @Size(max = 60) String name, @NotEmpty Set<Role> roles) {
    }

    @GetMapping("/users")
    List<StaffUser.View> users() {
        return users.all();
    }

    @PostMapping("/users")
    ResponseEntity<StaffUser.View> create(@Valid @RequestBody NewUser user) {
        StaffUser.View created = users.create(user.name(), user.password(), EnumSet.copyOf(user.roles()), actor.name());
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + created.name())).body(created);
    }

    @GetMapping("/users/{name}")
    StaffUser.View user(@PathVariable String name) {
        return users.get(name);
    }

    @PutMapping("/users/{name}/roles")
    StaffUser.View roles(@PathVariable String name, @Valid @RequestBody RolesChange change) {
        return users.roles(name, EnumSet.copyOf(change.roles()), actor.name());
    }

    @PutMapping("/users/{name}/password")
    StaffUser.View password(@PathVariable String name, @Valid @RequestBody PasswordReset reset) {
        return users.resetPassword(name, reset.password(), actor.name());
    }

    @PostMapping("/users/{name}/disable")
    StaffUser.View disable(@PathVariable String name) {
        return users.enabled(name, false, actor.name());
    }

    @PostMapping("/users/{name}/enable")
    StaffUser.View enable(@PathVariable String name) {
        return users.enabled(name, true, actor.name());
    }

    @PostMapping("/users/{name}/unlock")
    StaffUser.View unlock(@PathVariable String name) {
        return users.unlock(name, actor.name());
    }

    @GetMapping("/tokens")
    List<ApiToken> tokens() {
        return tokens.all();
    }

    /** The answer holds the token's secret: the only time it is ever shown; not to be cached. */
    @PostMapping("/tokens")
    ResponseEntity<ApiToken.Created> createToken(@Valid @RequestBody NewToken token) {
        ApiToken.Created created = tokens.create(token.name().strip(), EnumSet.copyOf(token.roles()), actor.name());
        return ResponseEntity.created(URI.create("/api/v1/admin/tokens/" + created.token().id()))
                .cacheControl(CacheControl.noStore()).body(created);
    }

    @DeleteMapping("/tokens/{id}")
    ApiToken revoke(@PathVariable long id) {
        return tokens.revoke(id, actor.name());
    }
}
