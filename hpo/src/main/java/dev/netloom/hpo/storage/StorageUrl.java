package dev.netloom.hpo.storage;

import java.nio.file.Path;

/**
 * Opens a storage from a URL, the form the CLI and the studio settings use:
 * <ul>
 *   <li>{@code memory:} — {@link InMemoryStorage};</li>
 *   <li>{@code sqlite:/path/study.db} (or {@code sqlite:relative.db}, {@code jdbc:sqlite:...}) — one file;</li>
 *   <li>{@code postgresql://host:port/db?user=u&password=p} (or {@code postgres://...},
 *       {@code jdbc:postgresql://...}) — a shared server.</li>
 * </ul>
 */
public final class StorageUrl {

    private StorageUrl() {
    }

    /** The storage a URL names; fails with a message listing the accepted forms. */
    public static Storage open(String url) {
        if (url.equals("memory:") || url.equals("memory")) {
            return new InMemoryStorage();
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return JdbcStorage.sqlite(Path.of(url.substring("jdbc:sqlite:".length())));
        }
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            // Accept sqlite:///abs/path as well as sqlite:/abs/path.
            if (path.startsWith("///")) {
                path = path.substring(2);
            }
            return JdbcStorage.sqlite(Path.of(path));
        }
        if (url.startsWith("jdbc:postgresql://")) {
            return JdbcStorage.postgresql(url);
        }
        if (url.startsWith("postgresql://")) {
            return JdbcStorage.postgresql("jdbc:" + url);
        }
        if (url.startsWith("postgres://")) {
            return JdbcStorage.postgresql("jdbc:postgresql://" + url.substring("postgres://".length()));
        }
        throw new IllegalArgumentException("unknown storage URL '" + url + "'; use memory:, sqlite:/path/study.db"
                + " or postgresql://host:port/db?user=...");
    }
}
