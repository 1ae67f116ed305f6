package dev.netloom.graph;

import java.util.Locale;

/** How the studio and the CLI write counts and sizes for people: 3.50M, 300.8M, 1.2 MiB. */
public final class Units {

    private Units() {
    }

    /** A count with a metric suffix: 950, 12.3K, 3.50M, 300.8M. */
    public static String count(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        String[] suffixes = {"K", "M", "G", "T", "P"};
        double v = n;
        int i = -1;
        while (v >= 999.5 && i < suffixes.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, v >= 9.995 ? "%.1f%s" : "%.2f%s", v, suffixes[i]);
    }

    /** Bytes in binary units: 512 B, 12.5 KiB, 3.4 MiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] suffixes = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int i = -1;
        while (v >= 1023.95 && i < suffixes.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v >= 99.95 ? "%.0f %s" : "%.1f %s", v, suffixes[i]);
    }

    /** A whole number with thousands separators: 3,504,872. */
    public static String exact(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A number as a person writes it: 0.001 and 0.5, not 1.0E-3 and 0.50. */
    public static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
