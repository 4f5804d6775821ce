package dev.recall.deck.importing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Measures how long a 5,000-question GIFT import takes; a measurement to run by hand, not a test
 * (timings depend on the machine). Parsing is timed in-process; with a deck-service URL the whole
 * import over HTTP (parse, validation, 5,001 events and outbox rows in one transaction) is timed too:
 *
 * <pre>
 * java -cp "deck-service/target/test-classes:deck-service/target/classes:deck-service/target/quarkus-app/lib/main/*" \
 *      dev.recall.deck.importing.ImportTiming [http://127.0.0.1:8081] [questions]
 * </pre>
 */
public final class ImportTiming {
    private ImportTiming() {
    }

    public static void main(String[] args) throws Exception {
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String gift = bank(questions);
        System.out.printf("GIFT file: %d questions, %,d bytes%n", questions, gift.getBytes(StandardCharsets.UTF_8)
                .length);
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            ImportedDeck deck = GiftParser.parse(gift);
            System.out.printf("parse run %d: %d items in %d ms%n", run, deck.items().size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        if (args.length == 0) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(args[0]
                    + "/decks/imports?format=gift&title=Timing%20" + run))
                    .header("Content-Type", "text/plain; charset=UTF-8")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(gift, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            String body = response.body();
            System.out.printf("POST /decks/imports run %d: HTTP %d in %d ms: %s%n", run, response.statusCode(), millis,
                    body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
    }

    /** A bank of every kind, each question distinct: mostly multiple choice, as real banks are. */
    static String bank(int questions) {
        StringBuilder gift = new StringBuilder("$CATEGORY: $course$/top/Timing\n\n");
        for (int i = 0; i < questions; i++) {
            String level = i % 3 == 0 ? "beginner" : i % 3 == 1 ? "intermediate" : "advanced";
            gift.append("// [tag:").append(level).append("] [tag:batch-").append(i / 500).append("] [id:q").append(i)
                    .append("]\n");
            switch (i % 10) {
                case 0 -> gift.append("::q").append(i).append("::Is seed ").append(i)
                        .append(" enough to make training deterministic?{FALSE#Not alone.#Right.####Kernels vary.}\n");
                case 1 -> gift.append("::q").append(i).append("::Which tool versions data set ").append(i)
                        .append("?{=DVC#Yes. =%50%Git LFS#Partly.}\n");
                case 2 -> gift.append("::q").append(i).append("::How many seeds for run ").append(i)
                        .append("?{#=3:0 =%50%2..4#Close. ~#Count the generators.}\n");
                case 3 -> gift.append("::q").append(i).append("::Match the tools of pipeline ").append(i)
                        .append(".{=Docker -> environment =DVC -> data =Git -> code}\n");
                case 4 -> gift.append("// [concepts: environment | data | seeds]\n::q").append(i)
                        .append("::Explain how pipeline ").append(i).append(" stays reproducible.{####Think of the "
                                + "environment. Key concepts\\: environment; data; seeds.}\n");
                default -> gift.append("::q").append(i).append("::Which practice keeps pipeline ").append(i)
                        .append(" reproducible?{\n=Running training in a container with pinned dependencies#Right.\n"
                                + "~Installing the newest libraries before every run#They change between runs.\n"
                                + "~Training on whatever data is newest#Record the data version.\n"
                                + "~Letting each run choose its own seed#Different seeds, different results.\n"
                                + "####Containers keep the environment consistent.}\n");
            }
            gift.append('\n');
        }
        return gift.toString();
    }
}
