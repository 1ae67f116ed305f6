package dev.netloom.export;

import dev.netloom.export.verify.EvaluationSet;

/**
 * The labelled examples an export measures accuracy on: validation for choosing a plan, test
 * for the score recorded in the manifest (so the recorded score is not tuned on).
 */
public record ExampleSets(EvaluationSet validation, EvaluationSet test) {
}
