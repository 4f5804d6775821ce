package dev.recall.progress.scheduling;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * FSRS-6's settings, with ts-fsrs 5.4's defaults: the 21 default weights, desired retention 0.9, a
 * maximum interval of 36500 days, learning steps 1m and 10m, relearning step 10m, no fuzz.
 *
 * @param weights          w0..w20; w20 is the trainable decay of the forgetting curve
 * @param desiredRetention the recall probability at which a review falls due, in (0, 1]
 * @param maximumInterval  the longest interval in days
 * @param learningSteps    minutes between the short steps of a new item
 * @param relearningSteps  minutes between the short steps after a lapse
 */
public record FsrsParameters(List<Double> weights, double desiredRetention, int maximumInterval,
        List<Integer> learningSteps, List<Integer> relearningSteps) {

    public static final List<Double> DEFAULT_WEIGHTS = List.of(0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334,
            3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912,
            0.0658, 0.1542);
    public static final double DEFAULT_DESIRED_RETENTION = 0.9;
    public static final int DEFAULT_MAXIMUM_INTERVAL = 36500;
    public static final List<Integer> DEFAULT_LEARNING_STEPS = List.of(1, 10);
    public static final List<Integer> DEFAULT_RELEARNING_STEPS = List.of(10);

    public FsrsParameters {
        weights = List.copyOf(Objects.requireNonNull(weights, "weights"));
        learningSteps = List.copyOf(Objects.requireNonNull(learningSteps, "learningSteps"));
        relearningSteps = List.copyOf(Objects.requireNonNull(relearningSteps, "relearningSteps"));
        if (weights.size() != 21) {
            throw new IllegalArgumentException("FSRS-6 needs 21 weights, got " + weights.size());
        }
        for (Double weight : weights) {
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("every FSRS weight must be a finite number, got " + weights);
            }
        }
        if (!(desiredRetention > 0 && desiredRetention <= 1)) {
            throw new IllegalArgumentException("desired retention must be in (0, 1], got " + desiredRetention);
        }
        if (maximumInterval < 1) {
            throw new IllegalArgumentException("the maximum interval must be at least 1 day, got " + maximumInterval);
        }
        for (Integer step : learningSteps) {
            requireStep(step);
        }
        for (Integer step : relearningSteps) {
            requireStep(step);
        }
    }

    public static FsrsParameters defaults() {
        return new FsrsParameters(DEFAULT_WEIGHTS, DEFAULT_DESIRED_RETENTION, DEFAULT_MAXIMUM_INTERVAL,
                DEFAULT_LEARNING_STEPS, DEFAULT_RELEARNING_STEPS);
    }

    public FsrsParameters withDesiredRetention(double retention) {
        return new FsrsParameters(weights, retention, maximumInterval, learningSteps, relearningSteps);
    }

    public FsrsParameters withMaximumInterval(int days) {
        return new FsrsParameters(weights, desiredRetention, days, learningSteps, relearningSteps);
    }

    public FsrsParameters withSteps(List<Integer> learning, List<Integer> relearning) {
        return new FsrsParameters(weights, desiredRetention, maximumInterval, learning, relearning);
    }

    /** Reads a step as ts-fsrs writes it: {@code 1m}, {@code 10m}, {@code 1h}, {@code 1d}; returns minutes. */
    public static int parseStep(String step) {
        String text = step == null ? "" : step.trim().toLowerCase(Locale.ROOT);
        if (text.length() < 2) {
            throw new IllegalArgumentException("a learning step looks like 1m, 10m, 1h or 1d, got '" + step + "'");
        }
        int value;
        try {
            value = Integer.parseInt(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a learning step looks like 1m, 10m, 1h or 1d, got '" + step + "'");
        }
        switch (text.charAt(text.length() - 1)) {
            case 'm':
                return requireStep(value);
            case 'h':
                return requireStep(value * 60);
            case 'd':
                return requireStep(value * 1440);
            default:
                throw new IllegalArgumentException("a learning step ends in m, h or d, got '" + step + "'");
        }
    }

    private static int requireStep(Integer minutes) {
        if (minutes == null || minutes < 0) {
            throw new IllegalArgumentException("a learning step is a non-negative number of minutes, got " + minutes);
        }
        return minutes;
    }
}
