package org.serveline.server.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 3-member MariaDB Galera cluster on loopback, run by {@code scripts/galera.sh} (which installs Debian's
 * mariadb-server and galera-4 where it may): started, one member killed with SIGKILL, stopped. The script's
 * watchdog stops the members by itself after {@code ttl} even if this JVM dies.
 */
public final class GaleraCluster implements AutoCloseable {

    /** The counters of SHOW GLOBAL STATUS that tell of write-set conflicts. */
    public static final List<String> CONFLICT_COUNTERS = List.of("wsrep_local_cert_failures", "wsrep_local_bf_aborts");

    private final Path script;
    private final Path dir;
    private final Map<String, String> env;
    private final List<Integer> ports;
    private final HikariDataSource dataSource;

    private GaleraCluster(Path script, Path dir, Map<String, String> env) {
        this.script = script;
        this.dir = dir;
        this.env = env;
        this.ports = Arrays.stream(env.get("PORTS").split(",")).map(Integer::valueOf).toList();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(env.getOrDefault("HARNESS_USER", user())); // the harness's statements counted apart
        config.setPassword(password());
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0);
        config.setConnectionInitSql("SET time_zone = '+00:00'");
        this.dataSource = new HikariDataSource(config);
    }

    /** Starts the cluster in {@code dir} (created); fails with the script's output if it does not come up. */
    public static GaleraCluster start(Path dir, Duration ttl) {
        Path script = repositoryRoot().resolve("scripts/galera.sh");
        String output = run(script, Duration.ofMinutes(4), "start", dir.toString(), "--ttl",
                Long.toString(ttl.toSeconds()));
        Map<String, String> env = new HashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("cluster.env"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("galera.sh wrote no cluster.env:\n" + output, e);
        }
        return new GaleraCluster(script, dir, env);
    }

    /** The multi-host URL every Serveline node uses: all members, in order; the driver writes to the first up. */
    public String jdbcUrl() {
        return env.get("JDBC_URL");
    }

    public String user() {
        return env.get("USER");
    }

    public String password() {
        return env.get("PASSWORD");
    }

    /**
     * The same members with member {@code first} (1-based) first: a node given this URL writes to that member.
     * Only {@code bench/cluster --spread-writes} uses it, to show what ADR 0013 avoids (two write members).
     */
    public String jdbcUrlWritingTo(int first) {
        List<String> hosts = new java.util.ArrayList<>(ports.stream().map(p -> "127.0.0.1:" + p).toList());
        java.util.Collections.rotate(hosts, -(first - 1));
        return "jdbc:mariadb:sequential://" + String.join(",", hosts) + "/" + env.get("DATABASE");
    }

    /** A client of the cluster through the same multi-host URL as the nodes (it fails over like them). */
    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Kills member {@code n} (1-based) with SIGKILL. */
    public void kill(int n) {
        run(script, Duration.ofSeconds(30), "kill", dir.toString(), Integer.toString(n));
    }

    /** The conflict counters of member {@code n} (1-based), read on that member alone; empty if it is down. */
    public Map<String, Long> conflictCounters(int n) {
        Properties login = new Properties();
        login.setProperty("user", user());
        login.setProperty("password", password());
        login.setProperty("connectTimeout", "2000");
        Map<String, Long> counters = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + ports.get(n - 1) + "/", login);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ("
                        + String.join(",", CONFLICT_COUNTERS.stream().map(v -> "'" + v + "'").toList()) + ")")) {
            while (rs.next()) {
                counters.put(rs.getString(1).toLowerCase(), rs.getLong(2));
            }
        } catch (SQLException down) {
            return Map.of();
        }
        return counters;
    }

    /**
     * The statements the nodes (the {@link #user()}) sent to member {@code n} and the CPU its threads spent on them,
     * from {@code information_schema.USER_STATISTICS} ({@code userstat=1}); the harness's own queries, as another
     * user, are not counted. Empty if the member is down.
     */
    public Optional<UserStatistics> userStatistics(int n) {
        Properties login = new Properties();
        login.setProperty("user", env.getOrDefault("HARNESS_USER", user()));
        login.setProperty("password", password());
        login.setProperty("connectTimeout", "2000");
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + ports.get(n - 1) + "/", login);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS, CPU_TIME "
                        + "FROM information_schema.USER_STATISTICS WHERE USER = '" + user() + "'")) {
            return rs.next() ? Optional.of(new UserStatistics(rs.getLong(1), rs.getDouble(2)))
                    : Optional.of(new UserStatistics(0, 0));
        } catch (SQLException down) {
            return Optional.empty();
        }
    }

    /** Statements sent by one user, and the CPU seconds its connection threads spent. */
    public record UserStatistics(long statements, double cpuSeconds) {
    }

    /** CPU time member {@code n}'s mariadbd has spent (all its threads: clients, Galera's applier and replication). */
    public Duration memberCpu(int n) {
        long pid = Long.parseLong(env.get("PIDS").split(",")[n - 1].trim());
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    public int members() {
        return ports.size();
    }

    @Override
    public void close() {
        dataSource.close();
        run(script, Duration.ofSeconds(60), "stop", dir.toString());
    }

    /** The directory holding {@code scripts/galera.sh}: the working directory or one of its parents. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/galera.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("scripts/galera.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String run(Path script, Duration timeout, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // the output is small; read it to the end (the members run detached, with their own logs)
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("galera.sh " + args[0] + " did not finish in " + timeout);
            }
            String output = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("galera.sh " + String.join(" ", args) + " failed (exit "
                        + process.exitValue() + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
