package dev.netloom.graph.edit;

import java.util.Optional;

/**
 * What became of an edit: applied, or refused with the reason to show the user.
 *
 * @param applied whether the graph changed
 * @param refusal why not, when it did not
 */
public record EditResult(boolean applied, Optional<String> refusal) {

    static final EditResult APPLIED = new EditResult(true, Optional.empty());

    static EditResult refused(String reason) {
        return new EditResult(false, Optional.of(reason));
    }
}
