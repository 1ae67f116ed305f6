package dev.netloom.hpo.distribution;

/**
 * The range a parameter is drawn from.
 *
 * <p>Every distribution maps its values to an <em>internal representation</em>, a {@code double},
 * which is what samplers work with: a float is itself, an integer is itself as a double, a
 * categorical choice is its index. Samplers never see the external value; {@link #toExternal}
 * turns their answer back into what the objective receives.
 *
 * <p>Distributions are immutable records; two suggestions of one parameter must use equal
 * distributions (see {@code Trial}).
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** The internal representation of an external value; fails if the value is not in this distribution. */
    double toInternal(Object value);

    /** The external value of an internal representation (rounded and clipped where needed). */
    Object toExternal(double internal);

    /** Whether an internal value is a legal value of this distribution. */
    boolean containsInternal(double internal);

    /** Whether only one value is possible (samplers then skip the parameter). */
    boolean isSingle();
}
