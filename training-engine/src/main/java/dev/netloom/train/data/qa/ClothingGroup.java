package dev.netloom.train.data.qa;

import java.util.List;

/**
 * A yes/no question about Fashion-MNIST pictures and the classes it is true for. The groups
 * cover the ten classes once each, so every picture has exactly one true question.
 *
 * @param name the group, for example "footwear"
 * @param classes Fashion-MNIST labels the question is true for
 * @param phrasings ways of asking, chosen at random
 */
public record ClothingGroup(String name, List<Integer> classes, List<String> phrasings) {

    public ClothingGroup {
        classes = List.copyOf(classes);
        phrasings = List.copyOf(phrasings);
    }

    /** The groups the Fashion QA set asks about: footwear, tops, trousers, dresses, bags. */
    public static final List<ClothingGroup> STANDARD = List.of(
            new ClothingGroup("footwear", List.of(5, 7, 9), List.of("is this footwear?", "is it a shoe?")),
            new ClothingGroup("top", List.of(0, 2, 4, 6), List.of("is this a top?", "is it worn on the upper body?")),
            new ClothingGroup("trousers", List.of(1), List.of("are these trousers?", "is it a pair of trousers?")),
            new ClothingGroup("dress", List.of(3), List.of("is this a dress?", "is it a dress?")),
            new ClothingGroup("bag", List.of(8), List.of("is this a bag?", "is it a bag?")));
}
