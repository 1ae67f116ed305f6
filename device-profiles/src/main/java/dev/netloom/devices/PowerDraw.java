package dev.netloom.devices;

import java.util.Objects;
import java.util.Optional;

/**
 * What a device draws while it runs a model: the power the energy of one prediction is charged at.
 *
 * <p>Figures are in watts and say what they cover ({@code scope}): the whole board at the wall
 * (single-board computers), a module's power budget (Jetson), a chip's package limit (laptops),
 * or the CPU cluster (phones). They are as comparable as their scopes; the scope is shown with
 * every energy figure.
 *
 * @param activeW the draw with {@code activeCores} cores busy computing; empty when no source
 *     gives one ("this computer" before anyone measures its power)
 * @param activeCores how many cores were busy when {@code activeW} was taken; 0 means all the
 *     profile's modelled cores (a phone's figure is often one big core's)
 * @param idleW the draw of the same device doing nothing, where a source gives it; with it the
 *     estimate charges only the cores a prediction uses (see {@link EnergyModel})
 * @param scope what the figures cover, or, without an active figure, why there is none
 */
public record PowerDraw(Optional<Figure> activeW, int activeCores, Optional<Figure> idleW, String scope) {

    public PowerDraw {
        Objects.requireNonNull(activeW, "activeW");
        if (activeCores < 0) {
            throw new IllegalArgumentException("the cores busy for the active power cannot be negative");
        }
        Objects.requireNonNull(idleW, "idleW");
        Objects.requireNonNull(scope, "scope");
        if (idleW.isPresent() && activeW.isEmpty()) {
            throw new IllegalArgumentException("an idle power needs an active power beside it");
        }
        if (idleW.isPresent() && idleW.get().value() > activeW.get().value()) {
            throw new IllegalArgumentException("the idle power (" + idleW.get().value()
                    + " W) is above the active power (" + activeW.get().value() + " W)");
        }
    }

    /** No power figure; {@code why} says so in the user's words. */
    public static PowerDraw unknown(String why) {
        return new PowerDraw(Optional.empty(), 0, Optional.empty(), why);
    }

    /** Whether an energy per prediction can be estimated. */
    public boolean known() {
        return activeW.isPresent();
    }
}
