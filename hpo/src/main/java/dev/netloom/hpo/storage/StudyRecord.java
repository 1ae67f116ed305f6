package dev.netloom.hpo.storage;

import dev.netloom.hpo.StudyDirection;
import java.util.List;

/**
 * A study as a storage knows it.
 *
 * @param id         the storage's id
 * @param name       unique within the storage
 * @param directions one per objective
 */
public record StudyRecord(long id, String name, List<StudyDirection> directions) {

    public StudyRecord {
        directions = List.copyOf(directions);
    }
}
