package dev.recall.progress.mastery;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Folds the rows of one learner on one deck version into {@link Mastery}; pure, no I/O, the instant
 * passed in.
 *
 * <p>itemsTotal counts the version's items; itemsSeen those answered at least once; accuracy is
 * correct attempts over attempts on those items; itemsMastered the seen items with FSRS stability of
 * at least {@value #MASTERED_STABILITY_DAYS} days; meanRetrievability the mean FSRS retrievability at
 * {@code at} over seen items with a schedule. byConcept counts, per FREE_RESPONSE concept name, the
 * answered items that ask for it (total) and those whose latest answer covered it (hit); per item tag
 * (a "tagged concept") it has the measures above over the items carrying that tag.
 */
public final class MasteryCalculator {
    public static final double MASTERED_STABILITY_DAYS = 21.0;

    private MasteryCalculator() {
    }

    public static Mastery compute(String learnerId, UUID deckId, int deckVersion, Fsrs fsrs, Instant at,
            List<ItemProgress> items) {
        Tally all = tally(items, item -> true, fsrs, at);
        Map<Level, Tally> perLevel = new EnumMap<>(Level.class);
        for (ItemProgress item : items) {
            perLevel.computeIfAbsent(item.level(), level -> tally(items, i -> i.level() == level, fsrs, at));
        }
        Map<String, Mastery.LevelMastery> byLevel = new LinkedHashMap<>();
        perLevel.forEach((level, tally) -> byLevel.put(level.wireName(), tally.measures()));
        return new Mastery(learnerId, deckId, deckVersion, at, all.total, all.seen, all.mastered, all.accuracy(),
                all.meanRetrievability(), byLevel, byConcept(items, fsrs, at));
    }

    public static boolean mastered(Card schedule) {
        return schedule != null && schedule.stability() >= MASTERED_STABILITY_DAYS;
    }

    private static Map<String, Mastery.ConceptMastery> byConcept(List<ItemProgress> items, Fsrs fsrs, Instant at) {
        Map<String, int[]> counts = new TreeMap<>();
        for (ItemProgress item : items) {
            for (String tag : item.tags()) {
                counts.putIfAbsent(tag, new int[2]);
            }
        }
        for (ItemProgress item : items) {
            if (item.kind() != ItemKind.FREE_RESPONSE || !item.seen()) {
                continue;
            }
            List<String> covered = item.lastConceptsCovered() == null ? List.of() : item.lastConceptsCovered();
            for (String concept : item.concepts()) {
                int[] hitAndTotal = counts.computeIfAbsent(concept, c -> new int[2]);
                hitAndTotal[1]++;
                if (covered.contains(concept)) {
                    hitAndTotal[0]++;
                }
            }
        }
        Map<String, Mastery.ConceptMastery> byConcept = new LinkedHashMap<>();
        counts.forEach((concept, c) -> {
            boolean tagged = items.stream().anyMatch(item -> item.tags().contains(concept));
            byConcept.put(concept, new Mastery.ConceptMastery(c[0], c[1], tagged
                    ? tally(items, item -> item.tags().contains(concept), fsrs, at).measures() : null));
        });
        return byConcept;
    }

    private static Tally tally(List<ItemProgress> items, Predicate<ItemProgress> filter, Fsrs fsrs, Instant at) {
        Tally tally = new Tally();
        for (ItemProgress item : items) {
            if (filter.test(item)) {
                tally.total++;
                if (item.seen()) {
                    tally.seen++;
                    if (mastered(item.schedule())) {
                        tally.mastered++;
                    }
                    if (item.schedule() != null) {
                        tally.scheduled++;
                        tally.retrievabilitySum += fsrs.retrievability(item.schedule(), at);
                    }
                }
                tally.attempts += item.attempts();
                tally.correct += item.correct();
            }
        }
        return tally;
    }

    private static final class Tally {
        int total;
        int seen;
        int mastered;
        int scheduled;
        double retrievabilitySum;
        long attempts;
        long correct;

        Double accuracy() {
            return attempts == 0 ? null : (double) correct / attempts;
        }

        Double meanRetrievability() {
            return scheduled == 0 ? null : retrievabilitySum / scheduled;
        }

        Mastery.LevelMastery measures() {
            return new Mastery.LevelMastery(total, seen, mastered, accuracy(), meanRetrievability());
        }
    }
}
