package dev.moonstack.value;

import java.util.SplittableRandom;

/** Random doubles for formatting tests: raw bit patterns, "nice" decimals, exact ties, edges. */
final class RandomDoubles {
    private RandomDoubles() {}

    private static final double[] EDGES = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.longBitsToDouble(0x7ff8000000000000L), Double.longBitsToDouble(0xfff8000000000000L),
        9007199254740991.0, 9007199254740992.0, 9.223372036854775807E18, 1e15, 1e16, 1e21, 0.5, 2.5,
    };

    static double next(SplittableRandom rnd) {
        int k = rnd.nextInt(100);
        if (k < 30) return Double.longBitsToDouble(rnd.nextLong());
        if (k < 45) {                                      // moderate magnitudes, random bits
            long bits = rnd.nextLong() & 0x800FFFFFFFFFFFFFL;
            return Double.longBitsToDouble(bits | (long) rnd.nextInt(1023 - 40, 1023 + 70) << 52);
        }
        if (k < 70) {                                      // short decimals: m * 10^e
            long m = rnd.nextLong(1, Math.max(2, (long) Math.pow(10, rnd.nextInt(1, 18))));
            double v = Double.parseDouble(m + "e" + rnd.nextInt(-25, 26));
            return rnd.nextBoolean() ? v : -v;
        }
        if (k < 85) {                                      // exact binary fractions: ties for %.Nf
            double v = rnd.nextLong(0, 1L << rnd.nextInt(1, 40)) / Math.pow(2, rnd.nextInt(1, 12));
            return rnd.nextBoolean() ? v : -v;
        }
        if (k < 92) {                                      // integers, including 15..19 digits
            long n = rnd.nextLong() >> rnd.nextInt(64);
            return (double) n;
        }
        if (k < 97) {                                      // neighbours of powers of ten
            double p = Double.parseDouble("1e" + rnd.nextInt(-320, 309));
            int d = rnd.nextInt(3);
            return d == 0 ? p : d == 1 ? Math.nextUp(p) : Math.nextDown(p);
        }
        return EDGES[rnd.nextInt(EDGES.length)];
    }
}
