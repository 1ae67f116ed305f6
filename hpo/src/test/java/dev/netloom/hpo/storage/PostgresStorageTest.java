package dev.netloom.hpo.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract for {@link JdbcStorage} on PostgreSQL. Runs only when
 * {@code NETLOOM_TEST_POSTGRES_URL} names a server ({@code hpo/scripts/with-postgres.sh} starts a
 * throwaway one); the tables are dropped before each test, so use a database of its own.
 */
class PostgresStorageTest extends StorageContract {

    static final String ENV = "NETLOOM_TEST_POSTGRES_URL";

    @BeforeAll
    static void needsServer() {
        assumeTrue(System.getenv(ENV) != null && !System.getenv(ENV).isBlank(),
                "PostgreSQL tests skipped: set " + ENV + " (e.g. run under hpo/scripts/with-postgres.sh)");
    }

    static String jdbcUrl() {
        String url = System.getenv(ENV);
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }

    @Override
    protected Storage openFresh() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS hpo_trial_values, hpo_trial_params, hpo_trial_intermediate,"
                    + " hpo_trial_user_attrs, hpo_trial_system_attrs, hpo_trials, hpo_studies, hpo_meta CASCADE");
        }
        return JdbcStorage.postgresql(jdbcUrl());
    }

    @Override
    protected Storage openAgain() {
        return JdbcStorage.postgresql(jdbcUrl());
    }
}
