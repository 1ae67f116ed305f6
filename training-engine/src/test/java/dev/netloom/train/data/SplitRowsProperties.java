package dev.netloom.train.data;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Any labels, fractions and seed: a split is a partition, reproducible, and trains on every class. */
class SplitRowsProperties {

    @Property(tries = 300)
    void splitsArePartitionsThatRepeatFromTheSeed(@ForAll @Size(max = 300) List<@IntRange(max = 6) Integer> labels,
                                                   @ForAll @DoubleRange(max = 0.45) double validation,
                                                   @ForAll @DoubleRange(max = 0.45) double test, @ForAll long seed) {
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        SplitRows rows = SplitRows.stratified(l, validation, test, seed);
        assertThat(SplitRows.stratified(l, validation, test, seed)).isEqualTo(rows);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(rows.train()), Arrays.stream(rows.validation())),
                Arrays.stream(rows.test())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, l.length).toArray());
        long classes = Arrays.stream(l).distinct().count();
        assertThat(Arrays.stream(rows.train()).map(r -> l[r]).distinct().count()).isEqualTo(classes);
    }
}
