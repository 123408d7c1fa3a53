import moa.classifiers.core.driftdetection.*;
import java.util.Random;

// MOA's detectors on the same kind of stream as main.swift (its own generator, the same rates), best of 7 runs.

public class MOADriftThroughput {
    static double[] values;
    interface Make { ChangeDetector make(); }
    static void measure(String name, Make make) {
        double best = Double.MAX_VALUE; int drifts = 0;
        for (int r = 0; r < 7; r++) {
            ChangeDetector d = make.make();
            d.prepareForUse();
            drifts = 0;
            long start = System.nanoTime();
            for (double v : values) { d.input(v); if (d.getChange()) drifts++; }
            best = Math.min(best, (System.nanoTime() - start) * 1e-9);
        }
        System.out.printf("%-14s %,.0f updates/s  %.1f ns/update  %d drifts%n", name, values.length / best, best * 1e9 / values.length, drifts);
    }
    public static void main(String[] a) {
        int n = 1_000_000; values = new double[n];
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) values[i] = rnd.nextDouble() < (((i / 100_000) % 2 == 0) ? 0.15 : 0.3) ? 1 : 0;
        // core ADWIN directly, as ensembles use it
        double best = Double.MAX_VALUE; int drifts = 0;
        for (int r = 0; r < 7; r++) {
            ADWIN ad = new ADWIN(0.002); drifts = 0;
            long start = System.nanoTime();
            for (double v : values) if (ad.setInput(v)) drifts++;
            best = Math.min(best, (System.nanoTime() - start) * 1e-9);
        }
        System.out.printf("%-14s %,.0f updates/s  %.1f ns/update  %d drifts%n", "ADWIN (core)", n / best, best * 1e9 / n, drifts);
        measure("DDM", DDM::new);
        measure("EDDM", EDDM::new);
        measure("HDDM-A", HDDM_A_Test::new);
        measure("Page-Hinkley", PageHinkleyDM::new);
        measure("ADWINChange", ADWINChangeDetector::new);
    }
}
