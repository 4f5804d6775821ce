package dev.recall.progress.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Item analysis of a deck over all learners: the items of its latest published version in deck
 * order ({@code deckVersion} null while no version has arrived), then any answered item no longer in it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ItemStatsReport(UUID deckId, Integer deckVersion, int sessions, int answers, List<ItemStatistics> items) {

    public static final String CSV_HEADER = "itemId,kind,level,attempts,facility,standardDeviation,discrimination,"
            + "meanLatencyMs,options";

    /** One line per item; options as {@code id:count} separated by {@code ;}, a correct option marked {@code *}. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        for (ItemStatistics item : items) {
            csv.append(item.itemId()).append(',')
                    .append(field(item.kind())).append(',')
                    .append(field(item.level())).append(',')
                    .append(item.attempts()).append(',')
                    .append(number(item.facility())).append(',')
                    .append(number(item.standardDeviation())).append(',')
                    .append(number(item.discrimination())).append(',')
                    .append(number(item.meanLatencyMs())).append(',')
                    .append(field(item.options() == null ? null : item.options().stream()
                            .map(option -> option.id() + (option.correct() ? "*" : "") + ":" + option.count())
                            .collect(Collectors.joining(";"))))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String number(Double value) {
        return value == null ? "" : value.toString();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
