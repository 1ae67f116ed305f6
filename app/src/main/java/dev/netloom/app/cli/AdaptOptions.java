package dev.netloom.app.cli;

import dev.netloom.train.AdaptationSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code netloom train}'s distillation and fine-tuning options, in one place: {@code --teacher},
 * {@code --temperature}, {@code --distill-weight}, {@code --start-from}, {@code --freeze},
 * {@code --freeze-up-to}. They override the project's training section for one run; paths given
 * here are read from the current folder.
 */
final class AdaptOptions {

    @Option(names = "--teacher", split = ",", paramLabel = "ARTIFACT", description = "Distil from this trained model "
            + "(a model folder); several, comma-separated, are an ensemble whose soft targets are averaged. Its head "
            + "must have the data's classes.")
    List<Path> teachers;

    @Option(names = "--temperature", paramLabel = "T", description = "Distillation temperature (default 4).")
    Double temperature;

    @Option(names = "--distill-weight", paramLabel = "W", description = "Share of the distillation term in the loss, "
            + "0 to 1 (default 0.5); the rest is the labels' cross-entropy.")
    Double distillWeight;

    @Option(names = "--start-from", paramLabel = "ARTIFACT", description = "Start from this trained model's weights "
            + "where node id and shape match; a head whose classes differ is re-created.")
    Path startFrom;

    @Option(names = "--freeze", split = ",", paramLabel = "NODE", description = "Keep these nodes' weights (and "
            + "BatchNorm statistics) as the start model has them.")
    List<String> freeze;

    @Option(names = "--freeze-up-to", paramLabel = "NODE", description = "Freeze this node and every node before it "
            + "(the backbone).")
    String freezeUpTo;

    /**
     * The section's settings with these options put in.
     *
     * @throws IllegalArgumentException with one line naming the option, for a combination that cannot work
     */
    AdaptationSettings applyTo(AdaptationSettings section) {
        if (freeze != null && freezeUpTo != null) {
            throw new IllegalArgumentException("--freeze and --freeze-up-to: give one of them, not both");
        }
        AdaptationSettings s = section;
        if (teachers != null) {
            s = s.withTeachers(teachers.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        }
        if ((temperature != null || distillWeight != null) && !s.distils()) {
            throw new IllegalArgumentException((temperature != null ? "--temperature" : "--distill-weight")
                    + " applies only to distillation: give --teacher (or training.teacher in the project)");
        }
        try {
            if (temperature != null) {
                s = s.withTemperature(temperature);
            }
            if (distillWeight != null) {
                s = s.withDistillWeight(distillWeight);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + (e.getMessage().startsWith("temperature") ? "" : "distill-")
                    + e.getMessage().replaceFirst("^distillWeight", "weight"), e);
        }
        if (startFrom != null) {
            s = s.withStartFrom(startFrom.toAbsolutePath().normalize().toString());
        }
        if ((freeze != null || freezeUpTo != null) && !s.startsFromModel()) {
            throw new IllegalArgumentException((freeze != null ? "--freeze" : "--freeze-up-to") + " needs --start-from "
                    + "(frozen weights that start random stay random)");
        }
        if (freeze != null) {
            s = s.withFreeze(freeze);
        } else if (freezeUpTo != null) {
            s = s.withFreezeUpTo(freezeUpTo);
        }
        return s;
    }
}
