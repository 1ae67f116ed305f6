package dev.netloom.hpo.storage;

/** The few places where SQLite and PostgreSQL SQL differ. */
enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL", ""),
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION", " FOR UPDATE");

    /** Column type of a generated primary key. */
    final String idColumn;
    /** Column type of a double. */
    final String doubleColumn;
    /**
     * Suffix that locks selected rows until commit. SQLite needs none: its write transactions
     * (BEGIN IMMEDIATE) hold the database's one write lock.
     */
    final String forUpdate;

    Dialect(String idColumn, String doubleColumn, String forUpdate) {
        this.idColumn = idColumn;
        this.doubleColumn = doubleColumn;
        this.forUpdate = forUpdate;
    }

    /** Expands {@code ${id}} and {@code ${double}} in a schema statement. */
    String expand(String sql) {
        return sql.replace("${id}", idColumn).replace("${double}", doubleColumn);
    }
}
