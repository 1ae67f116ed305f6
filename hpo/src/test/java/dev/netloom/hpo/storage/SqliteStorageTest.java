package dev.netloom.hpo.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract for {@link JdbcStorage} on an SQLite file; a second handle is a second connection. */
class SqliteStorageTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    protected Storage openFresh() {
        return JdbcStorage.sqlite(dir.resolve("study.db"));
    }

    @Override
    protected Storage openAgain() {
        return JdbcStorage.sqlite(dir.resolve("study.db"));
    }
}
