package dev.recall.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The HTTP steps of {@code bin/recall}, so that it needs nothing but a JDK:
 * <pre>
 * await-ready SECONDS URL...        waits until every service's /q/health/ready answers 200
 * load-deck DECK_SERVICE_URL FILE   creates, fills and publishes the deck in FILE unless a deck
 *                                   with its title exists; prints the deck id
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
        } else if (args.length == 3 && args[0].equals("load-deck")) {
            System.out.println(loadDeck(args[1], Path.of(args[2])));
        } else {
            System.err.println("usage: SuiteControl await-ready SECONDS URL... | load-deck DECK_SERVICE_URL FILE");
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

    static String loadDeck(String deckService, Path file) throws IOException, InterruptedException {
        JsonNode deck = JSON.readTree(file.toFile());
        String title = deck.path("title").asText();
        for (JsonNode existing : call("GET", deckService + "/decks?size=500", null, 200)) {
            if (title.equals(existing.path("title").asText())) {
                return existing.path("id").asText();
            }
        }
        ObjectNode header = JSON.createObjectNode();
        header.set("title", deck.get("title"));
        header.set("description", deck.get("description"));
        header.set("tags", deck.get("tags"));
        String id = call("POST", deckService + "/decks", header, 201).path("id").asText();
        for (JsonNode item : deck.path("items")) {
            call("POST", deckService + "/decks/" + id + "/items", item, 201);
        }
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
