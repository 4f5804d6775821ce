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
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest benchmark: closed-loop learners (one outstanding request each) answering flashcards through
 * POST /sessions/{id}/answers at several concurrency levels, bounded in answers and in time, on
 * loopback only. Also samples the lag from an accepted answer to its being visible in the learner's
 * mastery. Plain JDK, run as a single-file program: java bench/Ingest.java --help. Setup (deck, sessions) goes
 * through java.net.http; the measured answers and lag polls through {@link Http1}, a thread and a keep-alive
 * HTTP/1.1 connection per client, so that the load generator takes as little as it can of the machine.
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
                        + " [--answers=4000,8000,8000] [--max-seconds=60] [--warmup=ANSWERS, not measured]"
                        + " [--warmup-clients=16] [--warmup-seconds=MAX-SECONDS] [--watch=NAME:PID,...] [--out=FILE]");
                return;
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Ingest bench = new Ingest(options.get("deck"), options.get("quiz"), options.get("progress"));
        int[] clients = Arrays.stream(options.getOrDefault("clients", "16,64,256").split(",")).mapToInt(Integer::parseInt).toArray();
        int[] answers = Arrays.stream(options.getOrDefault("answers", "4000,8000,8000").split(",")).mapToInt(Integer::parseInt).toArray();
        int maxSeconds = Integer.parseInt(options.getOrDefault("max-seconds", "60"));
        Compilers compilers = Compilers.of(options.getOrDefault("watch", ""));
        String deckId = bench.publishDeck();
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        if (warmup > 0) {
            // Not in the table: the services' JIT compilers get to the answer path before any level is measured.
            int warmupClients = Integer.parseInt(options.getOrDefault("warmup-clients", "16"));
            int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup-seconds", Integer.toString(maxSeconds)));
            System.out.println("warm-up (not measured): "
                    + bench.run(deckId, warmupClients, warmup, warmupSeconds, compilers));
        }
        StringBuilder table = new StringBuilder();
        table.append("| clients | answers | errors | seconds | answers/s | p50 ms | p99 ms | max ms | lag samples | lag p50 ms | lag p99 ms |"
                + compilers.header() + "\n");
        table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + compilers.align() + "\n");
        for (int i = 0; i < clients.length; i++) {
            String row = bench.run(deckId, clients[i], answers[i], maxSeconds, compilers);
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

    /** An accepted answer whose lag to mastery is to be measured. */
    record LagSample(String learner, int seen, long acceptedAt) {
    }

    static Thread started(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** One concurrency level: returns its Markdown table row. */
    String run(String deckId, int clients, int answers, int maxSeconds, Compilers compilers) throws Exception {
        // Sessions are opened before the clock starts: only answers are measured.
        int sessionsNeeded = answers / ITEMS + clients + 1;
        List<Session> sessions = openSessions(deckId, clients, sessionsNeeded);
        ConcurrentLinkedQueue<Session> unused = new ConcurrentLinkedQueue<>(sessions);
        long[] latencies = new long[answers];
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Long> lags = java.util.Collections.synchronizedList(new ArrayList<>());
        // Two lag pollers, each on its own connection; a sample is skipped while both are busy.
        SynchronousQueue<LagSample> lagQueue = new SynchronousQueue<>();
        List<Thread> pollers = new ArrayList<>();
        long[] compiling = compilers.ticks();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        AtomicBoolean measuring = new AtomicBoolean(true);
        for (int p = 0; p < 2; p++) {
            pollers.add(started(() -> pollLags(lagQueue, lags, deckId, measuring)));
        }
        List<Thread> clientThreads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            clientThreads.add(started(() -> answerLoop(unused, latencies, issued, done, errors, deadline,
                    lagQueue)));
        }
        for (Thread t : clientThreads) {
            t.join(TimeUnit.SECONDS.toMillis(maxSeconds + 60L));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String compiled = compilers.cores(compiling, seconds);
        measuring.set(false);
        for (Thread t : pollers) {
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(40));
        }
        int n = done.get();
        long[] measured = Arrays.copyOf(latencies, Math.min(n, latencies.length));
        Arrays.sort(measured);
        long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %d | %.0f | %.0f |",
                clients, n, errors.get(), seconds, (n - errors.get()) / seconds, ms(measured, 0.50), ms(measured, 0.99),
                ms(measured, 1.0), lag.length, ms(lag, 0.50), ms(lag, 0.99)) + compiled;
    }

    /**
     * The CPU of the watched services' JIT compiler threads (C1 and C2, from /proc/PID/task), in cores over
     * a level: how far the services still were from compiled code while it was measured. A compiler thread
     * that ends during the level (the JVM starts and stops them as the queue grows and shrinks) loses the
     * ticks it used since the level began, so the figure is a floor.
     */
    record Compilers(List<String> names, List<Long> pids, double ticksPerSecond) {
        static Compilers of(String watch) throws Exception {
            List<String> names = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            for (String entry : watch.split(",")) {
                if (!entry.isBlank()) {
                    names.add(entry.substring(0, entry.lastIndexOf(':')));
                    pids.add(Long.parseLong(entry.substring(entry.lastIndexOf(':') + 1)));
                }
            }
            double hz = 100;
            if (!pids.isEmpty()) {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
                hz = Double.parseDouble(new String(getconf.getInputStream().readAllBytes()).trim());
            }
            return new Compilers(names, pids, hz);
        }

        String header() {
            return names.stream().map(name -> " JIT cores " + name + " |").reduce("", String::concat);
        }

        String align() {
            return "---:|".repeat(names.size());
        }

        long[] ticks() throws java.io.IOException {
            long[] ticks = new long[pids.size()];
            for (int i = 0; i < ticks.length; i++) {
                try (var tasks = Files.list(Path.of("/proc", pids.get(i).toString(), "task"))) {
                    for (Path task : tasks.toList()) {
                        String stat;
                        try {
                            stat = Files.readString(task.resolve("stat"));
                        } catch (java.io.IOException gone) {
                            continue;
                        }
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks[i] += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                        }
                    }
                }
            }
            return ticks;
        }

        String cores(long[] before, double seconds) throws java.io.IOException {
            long[] after = ticks();
            StringBuilder cells = new StringBuilder();
            for (int i = 0; i < before.length; i++) {
                cells.append(String.format(Locale.ROOT, " %.2f |",
                        Math.max(0, after[i] - before[i]) / ticksPerSecond / seconds));
            }
            return cells.toString();
        }
    }

    /**
     * One closed-loop client: its own thread and keep-alive HTTP/1.1 connection, one request outstanding.
     * A lag sample is offered for every 20th accepted answer: {session index, items seen, accepted at}.
     */
    void answerLoop(ConcurrentLinkedQueue<Session> unused, long[] latencies, AtomicInteger issued, AtomicInteger done,
            AtomicInteger errors, long deadline, SynchronousQueue<LagSample> lagQueue) {
        Session session = null;
        int position = 0;
        try (Http1 connection = new Http1(quiz)) {
            while (true) {
                int index = issued.getAndIncrement();
                if (index >= latencies.length || System.nanoTime() > deadline) {
                    return;
                }
                if (session == null || position == session.items().length) {
                    session = unused.poll();
                    position = 0;
                }
                int seen = position + 1;
                String body = "{\"answerId\":\"" + UUID.randomUUID() + "\",\"itemId\":\"" + session.items()[position]
                        + "\",\"rating\":\"" + RATINGS[(index * 7 + position) % RATINGS.length] + "\",\"latencyMs\":3000}";
                position++;
                long sent = System.nanoTime();
                int status;
                try {
                    status = connection.exchange("POST", "/sessions/" + session.id() + "/answers", body).status();
                } catch (java.io.IOException e) {
                    status = -1;
                    connection.reconnect();
                }
                long now = System.nanoTime();
                latencies[index] = now - sent;
                done.incrementAndGet();
                if (status != 200) {
                    errors.incrementAndGet();
                } else if (index % 20 == 0) {
                    lagQueue.offer(new LagSample(session.learner(), seen, now));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Takes offered lag samples and polls the learner's mastery until it counts the answer. */
    void pollLags(SynchronousQueue<LagSample> lagQueue, List<Long> lags, String deckId, AtomicBoolean measuring) {
        try (Http1 connection = new Http1(progress)) {
            while (measuring.get()) {
                LagSample sample;
                try {
                    sample = lagQueue.take();
                } catch (InterruptedException e) {
                    return;
                }
                lags.add(awaitVisible(connection, sample.learner(), deckId, sample.seen(), sample.acceptedAt()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Nanoseconds from {@code acceptedAt} until the learner's mastery shows {@code seen} items, polled every
     * {@value #LAG_POLL_MS} ms (so a lag is read up to that much late); 30 s when never.
     */
    long awaitVisible(Http1 connection, String learner, String deckId, int seen, long acceptedAt) {
        long give = acceptedAt + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < give) {
            try {
                Http1.Response response = connection.exchange("GET", "/learners/" + learner + "/decks/" + deckId
                        + "/mastery", null);
                Matcher m = SEEN.matcher(response.body());
                if (response.status() == 200 && m.find() && Integer.parseInt(m.group(1)) >= seen) {
                    return System.nanoTime() - acceptedAt;
                }
                Thread.sleep(LAG_POLL_MS);
            } catch (InterruptedException e) {
                // The level ended: the sample in hand is still waited for, up to its 30 s.
                Thread.interrupted();
            } catch (Exception e) {
                return TimeUnit.SECONDS.toNanos(30);
            }
        }
        return TimeUnit.SECONDS.toNanos(30);
    }

    static final int LAG_POLL_MS = 10;

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

    /**
     * A minimal blocking HTTP/1.1 client on one keep-alive connection, for the measured requests: the JDK's
     * HttpClient cost ~2 ms of CPU per request on the benchmark machine (0.35 of its 2 cores at 160 requests/s),
     * CPU taken from the services being measured. Reads Content-Length and chunked bodies.
     */
    static final class Http1 implements AutoCloseable {
        private final String host;
        private final int port;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;

        record Response(int status, String body) {
        }

        Http1(String baseUrl) throws java.io.IOException {
            URI uri = URI.create(baseUrl);
            this.host = uri.getHost();
            this.port = uri.getPort();
            reconnect();
        }

        void reconnect() {
            close();
            try {
                socket = new java.net.Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
            } catch (java.io.IOException e) {
                socket = null;
            }
        }

        Response exchange(String method, String path, String json) throws java.io.IOException {
            if (socket == null) {
                throw new java.io.IOException("not connected to " + host + ":" + port);
            }
            byte[] body = json == null ? new byte[0] : json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
            if (json != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new java.io.IOException("not an HTTP/1.1 status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String name = header.substring(0, Math.max(0, header.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                content.write(in.readNBytes(length));
            }
            if (close) {
                reconnect();
            }
            return new Response(code, content.toString(java.nio.charset.StandardCharsets.UTF_8));
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new java.io.EOFException("connection closed by " + host + ":" + port);
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (java.io.IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
