package dev.recall.progress.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * Moodle's item-analysis figures for one item over all learners (see {@link ItemAnalysis}); a figure
 * that cannot be computed (too few answers, no variation) is null. {@code options} is null for items
 * without options.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ItemStatistics(
        UUID itemId,
        String kind,
        String level,
        int attempts,
        Double facility,
        Double standardDeviation,
        Double discrimination,
        Double meanLatencyMs,
        List<OptionCount> options) {

    /** How many answers selected the option; {@code correct} as in the deck's latest version. */
    public record OptionCount(String id, boolean correct, int count) {
    }
}
