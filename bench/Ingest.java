import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest benchmark: closed-loop learners (one outstanding request each) answering flashcards through
 * POST /sessions/{id}/answers at several concurrency levels, bounded in answers and in time, on
 * loopback only. Also samples the lag from an accepted answer to its being visible in the learner's
 * mastery. Plain JDK (java.net.http), run as a single-file program: java bench/Ingest.java --help.
 */
public class Ingest {
    static final int ITEMS = 20;
    static final String[] RATINGS = {"AGAIN", "HARD", "GOOD", "EASY"};
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern SEEN = Pattern.compile("\"itemsSeen\"\\s*:\\s*(\\d+)");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String deck;
    final String quiz;
    final String progress;

    Ingest(String deck, String quiz, String progress) {
        for (String url : List.of(deck, quiz, progress)) {
            if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("http://localhost:")) {
                throw new IllegalArgumentException("loopback only: " + url);
            }
        }
        this.deck = deck;
        this.quiz = quiz;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || !arg.startsWith("--") || !arg.contains("=")) {
                System.out.println("java bench/Ingest.java --deck=URL --quiz=URL --progress=URL [--clients=16,64,256]"
                        + " [--answers=4000,8000,8000] [--max-seconds=60] [--warmup=ANSWERS at 16 clients, not measured] [--out=FILE]");
                return;
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Ingest bench = new Ingest(options.get("deck"), options.get("quiz"), options.get("progress"));
        int[] clients = Arrays.stream(options.getOrDefault("clients", "16,64,256").split(",")).mapToInt(Integer::parseInt).toArray();
        int[] answers = Arrays.stream(options.getOrDefault("answers", "4000,8000,8000").split(",")).mapToInt(Integer::parseInt).toArray();
        int maxSeconds = Integer.parseInt(options.getOrDefault("max-seconds", "60"));
        String deckId = bench.publishDeck();
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        if (warmup > 0) {
            // Not in the table: the services' JIT compilers get to the answer path before any level is measured.
            System.out.println("warm-up (not measured): " + bench.run(deckId, 16, warmup, maxSeconds));
        }
        StringBuilder table = new StringBuilder();
        table.append("| clients | answers | errors | seconds | answers/s | p50 ms | p99 ms | max ms | lag samples | lag p50 ms | lag p99 ms |\n");
        table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < clients.length; i++) {
            String row = bench.run(deckId, clients[i], answers[i], maxSeconds);
            System.out.println(row);
            table.append(row).append('\n');
        }
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), table.toString());
        }
        System.out.print(table);
    }

    String publishDeck() throws Exception {
        String deckId = match(ID, post(deck + "/decks", "{\"title\":\"ingest benchmark " + UUID.randomUUID() + "\"}", 201));
        for (int i = 1; i <= ITEMS; i++) {
            post(deck + "/decks/" + deckId + "/items", "{\"kind\":\"FLASHCARD\",\"level\":\""
                    + (i % 3 == 0 ? "advanced" : i % 2 == 0 ? "intermediate" : "beginner")
                    + "\",\"front\":\"Question " + i + "\",\"back\":\"Answer " + i + "\"}", 201);
        }
        post(deck + "/decks/" + deckId + "/publish", "", 201);
        awaitStatus(quiz + "/catalogue/" + deckId, 200, Duration.ofSeconds(60));
        awaitStatus(progress + "/decks/" + deckId + "/item-stats", 200, Duration.ofSeconds(60));
        return deckId;
    }

    record Session(String learner, String id, String[] items) {
    }

    /** One concurrency level: returns its Markdown table row. */
    String run(String deckId, int clients, int answers, int maxSeconds) throws Exception {
        // Sessions are opened before the clock starts: only answers are measured.
        int sessionsNeeded = answers / ITEMS + clients + 1;
        List<Session> sessions = openSessions(deckId, clients, sessionsNeeded);
        ConcurrentLinkedQueue<Session> unused = new ConcurrentLinkedQueue<>(sessions);
        long[] latencies = new long[answers];
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Long> lags = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService lagPollers = Executors.newFixedThreadPool(2);
        Semaphore lagSlots = new Semaphore(2);
        CountDownLatch finished = new CountDownLatch(clients);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        for (int c = 0; c < clients; c++) {
            new Client(unused, latencies, issued, done, errors, deadline, finished, lags, lagPollers, lagSlots, deckId).next();
        }
        finished.await(maxSeconds + 60L, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        lagPollers.shutdown();
        lagPollers.awaitTermination(30, TimeUnit.SECONDS);
        int n = done.get();
        long[] measured = Arrays.copyOf(latencies, Math.min(n, latencies.length));
        Arrays.sort(measured);
        long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %d | %.0f | %.0f |",
                clients, n, errors.get(), seconds, (n - errors.get()) / seconds, ms(measured, 0.50), ms(measured, 0.99),
                ms(measured, 1.0), lag.length, ms(lag, 0.50), ms(lag, 0.99));
    }

    final class Client {
        final ConcurrentLinkedQueue<Session> unused;
        final long[] latencies;
        final AtomicInteger issued;
        final AtomicInteger done;
        final AtomicInteger errors;
        final long deadline;
        final CountDownLatch finished;
        final List<Long> lags;
        final ExecutorService lagPollers;
        final Semaphore lagSlots;
        final String deckId;
        Session session;
        int position;

        Client(ConcurrentLinkedQueue<Session> unused, long[] latencies, AtomicInteger issued, AtomicInteger done,
                AtomicInteger errors, long deadline, CountDownLatch finished, List<Long> lags, ExecutorService lagPollers,
                Semaphore lagSlots, String deckId) {
            this.unused = unused;
            this.latencies = latencies;
            this.issued = issued;
            this.done = done;
            this.errors = errors;
            this.deadline = deadline;
            this.finished = finished;
            this.lags = lags;
            this.lagPollers = lagPollers;
            this.lagSlots = lagSlots;
            this.deckId = deckId;
        }

        void next() {
            int index = issued.getAndIncrement();
            if (index >= latencies.length || System.nanoTime() > deadline) {
                finished.countDown();
                return;
            }
            if (session == null || position == session.items().length) {
                session = unused.poll();
                position = 0;
            }
            Session current = session;
            int seen = position + 1;
            String body = "{\"answerId\":\"" + UUID.randomUUID() + "\",\"itemId\":\"" + current.items()[position]
                    + "\",\"rating\":\"" + RATINGS[(index * 7 + position) % RATINGS.length] + "\",\"latencyMs\":3000}";
            position++;
            HttpRequest request = HttpRequest.newBuilder(URI.create(quiz + "/sessions/" + current.id() + "/answers"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                latencies[index] = now - sent;
                done.incrementAndGet();
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                } else if (index % 20 == 0 && lagSlots.tryAcquire()) {
                    lagPollers.submit(() -> {
                        try {
                            lags.add(awaitVisible(current.learner(), deckId, seen, now));
                        } finally {
                            lagSlots.release();
                        }
                    });
                }
                next();
            });
        }
    }

    /** Nanoseconds from {@code acceptedAt} until the learner's mastery shows {@code seen} items, polled. */
    long awaitVisible(String learner, String deckId, int seen, long acceptedAt) {
        long give = acceptedAt + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < give) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(progress + "/learners/" + learner
                        + "/decks/" + deckId + "/mastery")).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = SEEN.matcher(response.body());
                if (response.statusCode() == 200 && m.find() && Integer.parseInt(m.group(1)) >= seen) {
                    return System.nanoTime() - acceptedAt;
                }
                Thread.sleep(5);
            } catch (Exception e) {
                return TimeUnit.SECONDS.toNanos(30);
            }
        }
        return TimeUnit.SECONDS.toNanos(30);
    }

    List<Session> openSessions(String deckId, int clients, int count) throws Exception {
        List<CompletableFuture<Session>> opening = new ArrayList<>();
        Semaphore inFlight = new Semaphore(16);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            String learner = "bench-" + clients + "-" + i + "-" + run;
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(quiz + "/sessions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"learnerId\":\"" + learner + "\",\"deckId\":\"" + deckId
                            + "\",\"mode\":\"STUDY\",\"seed\":" + i + "}")).build();
            opening.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("POST /sessions: " + response.statusCode() + " " + response.body());
                }
                return CompletableFuture.completedFuture(new Session(learner, match(ID, response.body()), null));
            }).whenComplete((s, e) -> inFlight.release()));
        }
        List<Session> sessions = new ArrayList<>();
        for (CompletableFuture<Session> f : opening) {
            sessions.add(f.get(60, TimeUnit.SECONDS));
        }
        String[] items = itemsOf(deckId);
        List<Session> withItems = new ArrayList<>();
        for (Session s : sessions) {
            withItems.add(new Session(s.learner(), s.id(), items));
        }
        return withItems;
    }

    /** The deck's item ids in the catalogue's order (every STUDY session holds all of them). */
    String[] itemsOf(String deckId) throws Exception {
        String body = get(deck + "/decks/" + deckId);
        Matcher m = ID.matcher(body);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).equals(deckId)) {
                ids.add(m.group(1));
            }
        }
        if (ids.size() != ITEMS) {
            throw new IllegalStateException("expected " + ITEMS + " item ids in the deck, found " + ids.size());
        }
        return ids.toArray(new String[0]);
    }

    String post(String url, String json, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    void awaitStatus(String url, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(url + " did not answer " + status + " within " + timeout);
    }

    static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

    static double ms(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
