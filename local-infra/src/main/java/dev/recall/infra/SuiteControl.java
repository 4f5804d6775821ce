package dev.recall.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The HTTP steps of {@code bin/recall}, so that it needs nothing but a JDK:
 * <pre>
 * await-ready SECONDS URL...        waits until every service's /q/health/ready answers 200
 * import-deck DECK_SERVICE_URL FORMAT FILE TITLE
 *                                   imports FILE (gift, tsv or recall) as a deck titled TITLE and
 *                                   publishes it, unless a deck with that title exists; prints its id
 * </pre>
 */
public final class SuiteControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SuiteControl() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("await-ready")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[1])).toNanos();
            for (int i = 2; i < args.length; i++) {
                awaitReady(args[i], deadline);
            }
        } else if (args.length == 5 && args[0].equals("import-deck")) {
            System.out.println(importDeck(args[1], args[2], Path.of(args[3]), args[4]));
        } else {
            System.err.println("usage: SuiteControl await-ready SECONDS URL... | import-deck DECK_SERVICE_URL FORMAT FILE "
                    + "TITLE");
            System.exit(2);
        }
    }

    static void awaitReady(String baseUrl, long deadline) throws InterruptedException {
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(baseUrl + " did not become ready: " + last);
    }

    static String importDeck(String deckService, String format, Path file, String title)
            throws IOException, InterruptedException {
        for (JsonNode existing : call("GET", deckService + "/decks?size=500", null, 200)) {
            if (title.equals(existing.path("title").asText())) {
                return existing.path("id").asText();
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(deckService + "/decks/imports?format=" + format
                + "&title=" + URLEncoder.encode(title, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("importing " + file + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String id = JSON.readTree(response.body()).path("deckId").asText();
        call("POST", deckService + "/decks/" + id + "/publish", null, 201);
        return id;
    }

    private static JsonNode call(String method, String url, JsonNode body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
