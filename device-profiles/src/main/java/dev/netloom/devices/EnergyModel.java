package dev.netloom.devices;

import java.util.Locale;
import java.util.Optional;

/**
 * Energy of one prediction from a device's {@link PowerDraw} and an estimated latency:
 * {@code millijoules = watts × milliseconds}.
 *
 * <p>The draw is linear in the cores a prediction keeps busy, {@code busy = min(threads, cores)},
 * against the {@code activeCores} the active figure was taken with:
 * {@code W = idle + (active − idle) × busy / activeCores}. Each busy core adds its share of the
 * published dynamic power; the idle draw is charged whole, because a device pays it while the
 * model runs (a device that sleeps between predictions saves it by finishing sooner). Where no
 * idle figure is published, idle is taken as 0: the estimate then errs low when fewer cores are
 * busy than the figure was taken with. A phone's figure is often one big core's; more threads than
 * that are charged the same share per core, which errs high for the smaller cores.
 *
 * <p>One power figure per device: on a given device and thread count the energy is proportional
 * to latency, so a search that minimises energy on one device ranks models as latency does;
 * energy says how much charge a prediction costs and compares devices. Memory traffic and
 * arithmetic are not charged separately (there are no per-byte or per-operation energies).
 */
public final class EnergyModel {

    private EnergyModel() {
    }

    /** The draw while {@code threads} threads compute, or empty when the profile has no power figure. */
    public static Optional<Double> watts(PowerDraw power, int cores, int threads) {
        if (power.activeW().isEmpty()) {
            return Optional.empty();
        }
        double active = power.activeW().get().value();
        double idle = power.idleW().map(Figure::value).orElse(0.0);
        return Optional.of(idle + (active - idle) * busy(cores, threads) / measuredWith(power, cores));
    }

    /** The energy of one prediction that takes {@code latencyMs} on {@code threads} threads. */
    public static Optional<EnergyEstimate> estimate(DeviceProfile device, int threads, double latencyMs) {
        PowerDraw power = device.power();
        int cores = device.compute().cores();
        return watts(power, cores, threads).map(w -> {
            Figure active = power.activeW().orElseThrow();
            int busy = busy(cores, threads);
            int with = measuredWith(power, cores);
            String share = power.idleW().map(i -> "idle " + number(i.value()) + " W + " + busy + "/" + with
                    + " of the draw above idle").orElse(busy + "/" + with + " of it (no idle figure, counted as 0)");
            String basis = String.format(Locale.ROOT, "%s W for %s: %s W published with %s (%s); %s", number(w),
                    cores(busy), number(active.value()), cores(with), power.scope(), share);
            return new EnergyEstimate(w * latencyMs, w, active.provenance(), basis);
        });
    }

    private static int busy(int cores, int threads) {
        return Math.max(1, Math.min(threads, cores));
    }

    private static int measuredWith(PowerDraw power, int cores) {
        return power.activeCores() > 0 ? power.activeCores() : Math.max(1, cores);
    }

    private static String cores(int n) {
        return n + (n == 1 ? " busy core" : " busy cores");
    }

    private static String number(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
