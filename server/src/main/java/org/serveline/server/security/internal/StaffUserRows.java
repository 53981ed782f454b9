package org.serveline.server.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.serveline.server.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code staff_user} table. */
@Repository
public class StaffUserRows {

    private static final String SELECT = "SELECT name, password_hash, roles, enabled, created_by, created_at, "
            + "password_changed_at FROM staff_user";

    private final JdbcClient jdbc;

    StaffUserRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StaffUser> find(String name) {
        return jdbc.sql(SELECT + " WHERE name = :name").param("name", name).query(StaffUserRows::map).optional();
    }

    public Optional<StaffUser> lock(String name) {
        return jdbc.sql(SELECT + " WHERE name = :name FOR UPDATE").param("name", name).query(StaffUserRows::map)
                .optional();
    }

    public List<StaffUser> all() {
        return jdbc.sql(SELECT + " ORDER BY name").query(StaffUserRows::map).list();
    }

    /** Inserts the user unless one of that name exists; whether it did. */
    public boolean insertIfAbsent(String name, String hash, Collection<Role> roles, String by, Instant at) {
        return jdbc.sql("INSERT IGNORE INTO staff_user (name, password_hash, roles, enabled, created_by, created_at, "
                        + "password_changed_at) VALUES (:name, :hash, :roles, TRUE, :by, :at, :at)")
                .param("name", name).param("hash", hash).param("roles", RoleSet.column(roles)).param("by", by)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    public void roles(String name, Collection<Role> roles) {
        jdbc.sql("UPDATE staff_user SET roles = :roles WHERE name = :name").param("roles", RoleSet.column(roles))
                .param("name", name).update();
    }

    public void password(String name, String hash, Instant at) {
        jdbc.sql("UPDATE staff_user SET password_hash = :hash, password_changed_at = :at WHERE name = :name")
                .param("hash", hash).param("at", Timestamp.from(at)).param("name", name).update();
    }

    /** A stronger hash of the same password (the cost went up): not a password change. */
    public void rehash(String name, String oldHash, String newHash) {
        jdbc.sql("UPDATE staff_user SET password_hash = :new WHERE name = :name AND password_hash = :old")
                .param("new", newHash).param("name", name).param("old", oldHash).update();
    }

    public void enabled(String name, boolean enabled) {
        jdbc.sql("UPDATE staff_user SET enabled = :enabled WHERE name = :name").param("enabled", enabled)
                .param("name", name).update();
    }

    private static StaffUser map(ResultSet rs, int row) throws SQLException {
        return new StaffUser(rs.getString("name"), rs.getString("password_hash"), RoleSet.parse(rs.getString("roles")),
                rs.getBoolean("enabled"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("password_changed_at").toInstant());
    }
}
