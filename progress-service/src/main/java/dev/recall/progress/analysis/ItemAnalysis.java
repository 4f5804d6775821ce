package dev.recall.progress.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Moodle's item analysis over every answer to a deck's items, across learners; pure, no I/O.
 *
 * <ul>
 * <li>facility index: the mean score (0..1) of the item's answers;</li>
 * <li>standard deviation: of those scores, with n - 1 (null below two answers);</li>
 * <li>discrimination index: the Pearson correlation between the item's score and the rest of the
 * session's score (the sum of the session's other answers), over the sessions that answered the item;
 * null when either varies not at all;</li>
 * <li>option counts: how many answers selected each option (the item's options in deck order, then
 * any other id that was selected);</li>
 * <li>mean latency: over the answers that report one.</li>
 * </ul>
 */
public final class ItemAnalysis {
    private ItemAnalysis() {
    }

    /** An item to report on: the deck's items in order, and its options when it has some. */
    public record AnalysedItem(UUID itemId, String kind, String level, List<String> optionIds,
            List<String> correctOptionIds) {
        public AnalysedItem {
            optionIds = optionIds == null ? List.of() : List.copyOf(optionIds);
            correctOptionIds = correctOptionIds == null ? List.of() : List.copyOf(correctOptionIds);
        }
    }

    /** One graded answer. */
    public record ScoredAnswer(UUID sessionId, UUID itemId, double score, List<String> selected, Long latencyMs) {
        public ScoredAnswer {
            selected = selected == null ? null : List.copyOf(selected);
        }
    }

    /**
     * Statistics per item, in the order given; items answered but not given (e.g. removed in a later
     * version) follow, by id, with kind and level unknown.
     */
    public static List<ItemStatistics> analyse(List<AnalysedItem> items, List<ScoredAnswer> answers) {
        Map<UUID, Double> sessionTotals = new HashMap<>();
        Map<UUID, List<ScoredAnswer>> byItem = new HashMap<>();
        for (ScoredAnswer answer : answers) {
            sessionTotals.merge(answer.sessionId(), answer.score(), Double::sum);
            byItem.computeIfAbsent(answer.itemId(), id -> new ArrayList<>()).add(answer);
        }
        Map<UUID, AnalysedItem> reported = new LinkedHashMap<>();
        for (AnalysedItem item : items) {
            reported.putIfAbsent(item.itemId(), item);
        }
        Set<UUID> others = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        others.addAll(byItem.keySet());
        others.removeAll(reported.keySet());
        for (UUID other : others) {
            reported.put(other, new AnalysedItem(other, null, null, null, null));
        }
        List<ItemStatistics> statistics = new ArrayList<>();
        for (AnalysedItem item : reported.values()) {
            statistics.add(statistics(item, byItem.getOrDefault(item.itemId(), List.of()), sessionTotals));
        }
        return statistics;
    }

    static ItemStatistics statistics(AnalysedItem item, List<ScoredAnswer> answers, Map<UUID, Double> sessionTotals) {
        int n = answers.size();
        Double facility = null;
        Double standardDeviation = null;
        Double discrimination = null;
        if (n > 0) {
            double[] x = new double[n];
            double[] rest = new double[n];
            for (int i = 0; i < n; i++) {
                ScoredAnswer answer = answers.get(i);
                x[i] = answer.score();
                rest[i] = sessionTotals.get(answer.sessionId()) - answer.score();
            }
            double meanX = mean(x);
            facility = meanX;
            if (n > 1) {
                double meanRest = mean(rest);
                double sxx = 0;
                double srr = 0;
                double sxr = 0;
                for (int i = 0; i < n; i++) {
                    sxx += (x[i] - meanX) * (x[i] - meanX);
                    srr += (rest[i] - meanRest) * (rest[i] - meanRest);
                    sxr += (x[i] - meanX) * (rest[i] - meanRest);
                }
                standardDeviation = Math.sqrt(sxx / (n - 1));
                discrimination = sxx == 0 || srr == 0 ? null : sxr / Math.sqrt(sxx * srr);
            }
        }
        return new ItemStatistics(item.itemId(), item.kind(), item.level(), n, facility, standardDeviation,
                discrimination, meanLatency(answers), optionCounts(item, answers));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static Double meanLatency(List<ScoredAnswer> answers) {
        long sum = 0;
        int count = 0;
        for (ScoredAnswer answer : answers) {
            if (answer.latencyMs() != null) {
                sum += answer.latencyMs();
                count++;
            }
        }
        return count == 0 ? null : (double) sum / count;
    }

    private static List<ItemStatistics.OptionCount> optionCounts(AnalysedItem item, List<ScoredAnswer> answers) {
        Set<String> ids = new LinkedHashSet<>(item.optionIds());
        Set<String> extra = new TreeSet<>();
        Map<String, Integer> counts = new HashMap<>();
        boolean anySelection = false;
        for (ScoredAnswer answer : answers) {
            if (answer.selected() == null) {
                continue;
            }
            anySelection = true;
            for (String id : new LinkedHashSet<>(answer.selected())) {
                counts.merge(id, 1, Integer::sum);
                if (!ids.contains(id)) {
                    extra.add(id);
                }
            }
        }
        if (ids.isEmpty() && !anySelection) {
            return null;
        }
        ids.addAll(extra);
        List<ItemStatistics.OptionCount> options = new ArrayList<>();
        for (String id : ids) {
            options.add(new ItemStatistics.OptionCount(id, item.correctOptionIds().contains(id),
                    counts.getOrDefault(id, 0)));
        }
        return options;
    }
}
