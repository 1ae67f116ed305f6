package dev.netloom.graph.files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The edit distance on cases counted by hand. */
class EditDistanceTest {

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.between("", "")).isZero();
        assertThat(EditDistance.between("dense", "dense")).isZero();
        assertThat(EditDistance.between("dens", "dense")).isEqualTo(1);      // one insertion
        assertThat(EditDistance.between("densse", "dense")).isEqualTo(1);    // one deletion
        assertThat(EditDistance.between("conv2d", "conv3d")).isEqualTo(1);   // one substitution
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "pi5")).isEqualTo(3);
        assertThat(EditDistance.between("flaw", "lawn")).isEqualTo(2);
    }

    @Test
    void isSymmetric() {
        assertThat(EditDistance.between("raspberry-pi-5", "rasberry-pi5"))
                .isEqualTo(EditDistance.between("rasberry-pi5", "raspberry-pi-5")).isEqualTo(2);
    }
}
