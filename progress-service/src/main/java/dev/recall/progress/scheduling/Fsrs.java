package dev.recall.progress.scheduling;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FSRS-6 with short-term (same-day) scheduling and (re)learning steps, as ts-fsrs 5.4.2 computes it
 * (no fuzz): the same formulas, the same rounding to 8 decimals, the same calendar-day arithmetic, so
 * its published vectors hold here. Pure: the review time always comes from the caller.
 *
 * <p>StrictMath keeps the results identical on every JVM, so a rebuild reproduces a schedule bit for bit.
 */
public final class Fsrs {
    static final double S_MIN = 0.001;
    static final double S_MAX = 36500.0;
    private static final double INIT_S_MAX = 100.0;
    private static final double W17_W18_CEILING = 2.0;
    private static final int MINUTES_PER_DAY = 1440;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private final FsrsParameters parameters;
    private final double[] w;
    private final double decay;
    private final double factor;
    private final double intervalModifier;
    /** This scheduler at other desired retentions, made on first use. */
    private final Map<Double, Fsrs> atRetention = new ConcurrentHashMap<>();

    public Fsrs(FsrsParameters parameters) {
        this.parameters = parameters;
        this.w = clip(parameters.weights(), parameters.relearningSteps().size());
        this.decay = -w[20];
        this.factor = roundTo(StrictMath.exp(StrictMath.pow(decay, -1) * StrictMath.log(0.9)) - 1.0);
        this.intervalModifier = roundTo((StrictMath.pow(parameters.desiredRetention(), 1 / decay) - 1) / factor);
    }

    public Fsrs() {
        this(FsrsParameters.defaults());
    }

    public FsrsParameters parameters() {
        return parameters;
    }

    /** The same scheduler aiming at another desired retention (a deck's setting); null means this one's. */
    public Fsrs atDesiredRetention(Double desiredRetention) {
        if (desiredRetention == null || desiredRetention == parameters.desiredRetention()) {
            return this;
        }
        return atRetention.computeIfAbsent(desiredRetention,
                retention -> new Fsrs(parameters.withDesiredRetention(retention)));
    }

    /** The card after {@code review}, scheduled at the review's desired retention. */
    public Card review(Card card, Review review) {
        return atDesiredRetention(review.desiredRetention()).review(card, review.reviewedAt(), review.rating());
    }

    /** The card after the learner rated it at {@code reviewedAt}; {@code reviewedAt} may not precede its last review. */
    public Card review(Card card, Instant reviewedAt, Rating rating) {
        int elapsedDays = 0;
        if (card.state() != CardState.NEW) {
            if (reviewedAt.isBefore(card.lastReview())) {
                throw new IllegalArgumentException("a review at " + reviewedAt + " precedes the last review at "
                        + card.lastReview() + "; replay reviews in time order");
            }
            elapsedDays = calendarDaysBetween(card.lastReview(), reviewedAt);
        }
        Scheduling review = new Scheduling(card, reviewedAt, elapsedDays);
        switch (card.state()) {
            case NEW:
                return review.learning(rating, CardState.LEARNING);
            case LEARNING:
            case RELEARNING:
                return review.learning(rating, card.state());
            case REVIEW:
                return review.review(rating);
            default:
                throw new IllegalStateException("unknown state " + card.state());
        }
    }

    /**
     * The card after all {@code reviews}, replayed in {@link Review#CHRONOLOGICAL} order whatever order
     * they are given in, each at its own desired retention; an answer id given twice counts once. Null
     * when there are no reviews.
     */
    public Card replay(Collection<Review> reviews) {
        List<Review> ordered = new ArrayList<>(reviews);
        ordered.sort(Review.CHRONOLOGICAL);
        Set<UUID> seen = new HashSet<>();
        Card card = null;
        for (Review review : ordered) {
            if (seen.add(review.answerId())) {
                card = review(card == null ? Card.unseen(review.reviewedAt()) : card, review);
            }
        }
        return card;
    }

    /**
     * The probability of recalling the item at {@code now}, as ts-fsrs's {@code get_retrievability}: whole
     * days since the last review (floored, never negative) on the forgetting curve; 0 for a new item.
     */
    public double retrievability(Card card, Instant now) {
        if (card.state() == CardState.NEW) {
            return 0;
        }
        long days = Math.max(Math.floorDiv(now.toEpochMilli() - card.lastReview().toEpochMilli(), MILLIS_PER_DAY), 0);
        return forgettingCurve(days, card.stability());
    }

    /** R(t, S) = (1 + factor * t / S) ^ -w20. */
    double forgettingCurve(double elapsedDays, double stability) {
        return roundTo(StrictMath.pow(1 + (factor * elapsedDays) / stability, decay));
    }

    double intervalModifier() {
        return intervalModifier;
    }

    /** The next interval in days for a stability: where retrievability falls to the desired retention. */
    int nextInterval(double stability) {
        long days = Math.round(stability * intervalModifier);
        return (int) Math.min(Math.max(1, days), parameters.maximumInterval());
    }

    /** Stability and difficulty after one review. */
    record Memory(double stability, double difficulty) {
    }

    Memory nextMemory(double difficulty, double stability, int elapsedDays, Rating rating, Double retrievability) {
        int g = rating.grade();
        if (difficulty == 0 && stability == 0) {
            return new Memory(initStability(g), clamp(initDifficulty(g), 1, 10));
        }
        if (difficulty < 1 || stability < S_MIN) {
            throw new IllegalArgumentException("invalid memory state: difficulty " + difficulty + ", stability "
                    + stability);
        }
        double r = retrievability != null ? retrievability : forgettingCurve(elapsedDays, stability);
        double newStability;
        if (elapsedDays == 0) {
            newStability = shortTermStability(stability, g);
        } else if (rating == Rating.AGAIN) {
            double afterFail = forgetStability(difficulty, stability, r);
            double floor = stability / StrictMath.exp(w[17] * w[18]);
            newStability = clamp(roundTo(floor), S_MIN, afterFail);
        } else {
            newStability = recallStability(difficulty, stability, r, g);
        }
        return new Memory(newStability, nextDifficulty(difficulty, g));
    }

    private double initStability(int g) {
        return Math.max(w[g - 1], 0.1);
    }

    private double initDifficulty(int g) {
        return roundTo(w[4] - StrictMath.exp((g - 1) * w[5]) + 1);
    }

    private double nextDifficulty(double d, int g) {
        double deltaD = -w[6] * (g - 3);
        double nextD = d + roundTo((deltaD * (10 - d)) / 9);
        return clamp(roundTo(w[7] * initDifficulty(4) + (1 - w[7]) * nextD), 1, 10);
    }

    private double recallStability(double d, double s, double r, int g) {
        double hardPenalty = g == Rating.HARD.grade() ? w[15] : 1;
        double easyBonus = g == Rating.EASY.grade() ? w[16] : 1;
        return roundTo(clamp(s * (1 + StrictMath.exp(w[8]) * (11 - d) * StrictMath.pow(s, -w[9])
                * (StrictMath.exp((1 - r) * w[10]) - 1) * hardPenalty * easyBonus), S_MIN, S_MAX));
    }

    private double forgetStability(double d, double s, double r) {
        return roundTo(clamp(w[11] * StrictMath.pow(d, -w[12]) * (StrictMath.pow(s + 1, w[13]) - 1)
                * StrictMath.exp((1 - r) * w[14]), S_MIN, S_MAX));
    }

    /** FSRS-6's same-day stability: S * S^-w19 * e^(w17 (G - 3 + w18)), never lower after a pass. */
    private double shortTermStability(double s, int g) {
        double increase = StrictMath.pow(s, -w[19]) * StrictMath.exp(w[17] * (g - 3 + w[18]));
        double masked = g >= Rating.HARD.grade() ? Math.max(increase, 1.0) : increase;
        return roundTo(clamp(s * masked, S_MIN, S_MAX));
    }

    /** The state of one review in progress: ts-fsrs's BasicScheduler. */
    private final class Scheduling {
        private final Card last;
        private final Instant now;
        private final int elapsedDays;

        Scheduling(Card last, Instant now, int elapsedDays) {
            this.last = last;
            this.now = now;
            this.elapsedDays = elapsedDays;
        }

        /** A new, learning or relearning card: memory from the rating, then the next step or graduation. */
        Card learning(Rating rating, CardState toState) {
            Memory memory = nextMemory(last.difficulty(), last.stability(), elapsedDays, rating, null);
            return applySteps(memory, rating, toState, last.lapses());
        }

        Card review(Rating rating) {
            double r = forgettingCurve(elapsedDays, last.stability());
            Memory again = nextMemory(last.difficulty(), last.stability(), elapsedDays, Rating.AGAIN, r);
            if (rating == Rating.AGAIN) {
                return applySteps(again, Rating.AGAIN, CardState.RELEARNING, last.lapses() + 1);
            }
            Memory hard = nextMemory(last.difficulty(), last.stability(), elapsedDays, Rating.HARD, r);
            Memory good = nextMemory(last.difficulty(), last.stability(), elapsedDays, Rating.GOOD, r);
            Memory easy = nextMemory(last.difficulty(), last.stability(), elapsedDays, Rating.EASY, r);
            // Hard < Good < Easy, whatever the stabilities say.
            int hardInterval = nextInterval(hard.stability());
            int goodInterval = nextInterval(good.stability());
            hardInterval = Math.min(hardInterval, goodInterval);
            goodInterval = Math.max(goodInterval, hardInterval + 1);
            int easyInterval = Math.max(nextInterval(easy.stability()), goodInterval + 1);
            switch (rating) {
                case HARD:
                    return scheduled(hard, CardState.REVIEW, 0, hardInterval, now.plus(hardInterval, ChronoUnit.DAYS),
                            last.lapses());
                case GOOD:
                    return scheduled(good, CardState.REVIEW, 0, goodInterval, now.plus(goodInterval, ChronoUnit.DAYS),
                            last.lapses());
                default:
                    return scheduled(easy, CardState.REVIEW, 0, easyInterval, now.plus(easyInterval, ChronoUnit.DAYS),
                            last.lapses());
            }
        }

        private Card applySteps(Memory memory, Rating rating, CardState toState, int lapses) {
            Step step = step(rating);
            int minutes = step == null ? 0 : Math.max(0, step.minutes);
            int nextStep = step == null ? 0 : Math.max(0, step.next);
            if (minutes > 0 && minutes < MINUTES_PER_DAY) {
                return scheduled(memory, toState, nextStep, 0, now.plus(minutes, ChronoUnit.MINUTES), lapses);
            }
            if (minutes >= MINUTES_PER_DAY) {
                return scheduled(memory, CardState.REVIEW, nextStep, minutes / MINUTES_PER_DAY,
                        now.plus(minutes, ChronoUnit.MINUTES), lapses);
            }
            int interval = nextInterval(memory.stability());
            return scheduled(memory, CardState.REVIEW, 0, interval, now.plus(interval, ChronoUnit.DAYS), lapses);
        }

        /** ts-fsrs's BasicLearningStepsStrategy: null when the rating leaves the steps. */
        private Step step(Rating rating) {
            boolean relearning = last.state() == CardState.RELEARNING || last.state() == CardState.REVIEW;
            List<Integer> steps = relearning ? parameters.relearningSteps() : parameters.learningSteps();
            int current = last.learningSteps();
            if (steps.isEmpty() || current >= steps.size()) {
                return null;
            }
            if (last.state() == CardState.REVIEW) {
                return rating == Rating.AGAIN ? new Step(steps.get(Math.max(0, current)), 0) : null;
            }
            switch (rating) {
                case AGAIN:
                    return new Step(steps.get(0), 0);
                case HARD:
                    int hard = steps.size() == 1 ? (int) Math.round(steps.get(0) * 1.5)
                            : (int) Math.round((steps.get(0) + steps.get(1)) / 2.0);
                    return new Step(hard, current);
                case GOOD:
                    return current + 1 < steps.size() ? new Step(steps.get(current + 1), current + 1) : null;
                default:
                    return null;
            }
        }

        private Card scheduled(Memory memory, CardState state, int learningSteps, int scheduledDays, Instant due,
                int lapses) {
            return new Card(state, memory.stability(), memory.difficulty(), due, now, scheduledDays, elapsedDays,
                    learningSteps, last.reps() + 1, lapses);
        }
    }

    private record Step(int minutes, int next) {
    }

    /** Whole UTC calendar days from one instant to another, as ts-fsrs's dateDiffInDays. */
    static int calendarDaysBetween(Instant from, Instant to) {
        // UTC calendar days are whole multiples of 86,400 s from the epoch (what LocalDate.ofInstant in UTC gives,
        // without a ZoneRules made per call).
        return (int) (Math.floorDiv(to.getEpochSecond(), SECONDS_PER_DAY)
                - Math.floorDiv(from.getEpochSecond(), SECONDS_PER_DAY));
    }

    /** ts-fsrs rounds every intermediate result to 8 decimals; so must we, to land on its values. */
    static double roundTo(double value) {
        return Math.round(value * 1e8) / 1e8;
    }

    private static double clamp(double value, double min, double max) {
        return Math.min(Math.max(value, min), max);
    }

    /** ts-fsrs's clipParameters: each weight within its trained range. */
    private static double[] clip(List<Double> weights, int relearningSteps) {
        double[][] ranges = {
            {S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX},
            {1.0, 10.0}, {0.001, 4.0}, {0.001, 4.0}, {0.001, 0.75}, {0.0, 4.5}, {0.0, 0.8}, {0.001, 3.5},
            {0.001, 5.0}, {0.001, 0.25}, {0.001, 0.9}, {0.0, 4.0}, {0.0, 1.0}, {1.0, 6.0},
            {0.0, W17_W18_CEILING}, {0.0, W17_W18_CEILING}, {0.01, 0.8}, {0.1, 0.8},
        };
        if (relearningSteps > 1) {
            // Several relearning steps must not raise stability above its value before the lapse.
            double w11 = clamp(weights.get(11), ranges[11][0], ranges[11][1]);
            double w13 = clamp(weights.get(13), ranges[13][0], ranges[13][1]);
            double w14 = clamp(weights.get(14), ranges[14][0], ranges[14][1]);
            double value = -(StrictMath.log(w11) + StrictMath.log(StrictMath.pow(2.0, w13) - 1.0) + w14 * 0.3)
                    / relearningSteps;
            double ceiling = clamp(roundTo(StrictMath.sqrt(Math.max(value, 0))), 0.01, W17_W18_CEILING);
            ranges[17] = new double[] {ranges[17][0], ceiling};
            ranges[18] = new double[] {ranges[18][0], ceiling};
        }
        double[] clipped = new double[ranges.length];
        for (int i = 0; i < ranges.length; i++) {
            clipped[i] = clamp(weights.get(i), ranges[i][0], ranges[i][1]);
        }
        return clipped;
    }
}
