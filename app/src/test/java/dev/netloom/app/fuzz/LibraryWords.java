package dev.netloom.app.fuzz;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never reach a user's message: a library's class or option names, package names,
 * code quoting and parser locations. Our words name the file, the JSON path, the row and column.
 */
public final class LibraryWords {

    private static final Pattern FORBIDDEN = Pattern.compile(String.join("|",
            "\\b(com|org|java|javax|jdk|sun|ai\\.djl)\\.[a-z]\\w*", // package names
            "\\b\\w*(Feature|Constraints)\\b", // Jackson's options
            "\\bJson(Node|Parser|Token|Mapper|Factory|Location|ProcessingException)\\b",
            "\\bCSV(Format|Parser|Record|Printer)\\b", "\\bDuplicateHeaderMode\\b",
            "\\b[A-Z]\\w*(Exception|Error)\\b", // a class such as IOException or OutOfMemoryError
            "`[A-Za-z]\\w*\\.\\w", // code quoting of a class or option (our own `netloom layers` is fine)
            "\\[Source:", "REDACTED"));

    private LibraryWords() {
    }

    /** The first library word in {@code message}, if any. */
    public static Optional<String> find(String message) {
        Matcher m = FORBIDDEN.matcher(message);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
