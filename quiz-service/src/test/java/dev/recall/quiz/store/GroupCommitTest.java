package dev.recall.quiz.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    /** What each call did: "alone:x" or "together:[x, y]". */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    GroupCommit<String, String> commit;

    /** Alone: "gate" waits for the test to release it; "bad" is refused. Together: "bad" refused, "fail" fails all. */
    String alone(String work) {
        calls.add("alone:" + work);
        if (work.equals("gate")) {
            firstStarted.countDown();
            await(release);
        }
        if (work.equals("bad")) {
            throw new IllegalArgumentException("refused " + work);
        }
        return work.toUpperCase();
    }

    List<Object> together(List<String> works) {
        calls.add("together:" + works);
        if (works.contains("fail")) {
            throw new IllegalStateException("the transaction failed");
        }
        return works.stream().<Object>map(work -> work.equals("bad") ? new IllegalArgumentException("refused " + work)
                : work.toUpperCase()).toList();
    }

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        commit.close();
    }

    /** Holds the only writer with "gate", queues {@code works} behind it in order, then releases. */
    List<Future<String>> queuedBehindTheGate(int maxGroup, String... works) throws InterruptedException {
        commit = new GroupCommit<>("test-writer", 1, maxGroup, this::alone, this::together);
        Future<String> gate = commit.submit("gate");
        firstStarted.await(10, TimeUnit.SECONDS);
        List<Future<String>> queued = new ArrayList<>();
        for (String work : works) {
            queued.add(commit.submit(work)); // in the queue when submit returns: arrival order is call order
        }
        release.countDown();
        queued.add(0, gate);
        return queued;
    }

    @Test
    void aLoneJobIsDoneAloneAtOnce() throws Exception {
        commit = new GroupCommit<>("test-writer", 2, 64, this::alone, this::together);
        assertEquals("A", commit.submit("a").get(10, TimeUnit.SECONDS));
        assertEquals(List.of("alone:a"), calls);
        assertEquals(0, commit.groups());
    }

    @Test
    void jobsThatQueueWhileTheWriterIsBusyAreDoneTogetherInArrivalOrderEachWithItsOwnOutcome() throws Exception {
        List<Future<String>> results = queuedBehindTheGate(64, "a", "bad", "c");
        assertEquals("GATE", results.get(0).get(10, TimeUnit.SECONDS));
        assertEquals("A", results.get(1).get(10, TimeUnit.SECONDS));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> results.get(2).get(10, TimeUnit.SECONDS));
        assertEquals("refused bad", refused.getCause().getMessage());
        assertEquals("C", results.get(3).get(10, TimeUnit.SECONDS));
        assertEquals(List.of("alone:gate", "together:[a, bad, c]"), calls);
        assertEquals(1, commit.groups());
        assertEquals(3, commit.grouped());
        assertEquals(3, commit.largest());
    }

    @Test
    void aGroupIsAtMostMaxGroupJobs() throws Exception {
        List<Future<String>> results = queuedBehindTheGate(2, "a", "b", "c");
        for (Future<String> result : results) {
            result.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("alone:gate", "together:[a, b]", "alone:c"), calls);
    }

    @Test
    void whenTheGroupFailsEachJobIsDoneAloneAndGetsItsOwnOutcome() throws Exception {
        List<Future<String>> results = queuedBehindTheGate(64, "a", "fail", "bad");
        assertEquals("A", results.get(1).get(10, TimeUnit.SECONDS));
        assertEquals("FAIL", results.get(2).get(10, TimeUnit.SECONDS));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> results.get(3).get(10, TimeUnit.SECONDS));
        assertEquals(IllegalArgumentException.class, refused.getCause().getClass());
        assertEquals(List.of("alone:gate", "together:[a, fail, bad]", "alone:a", "alone:fail", "alone:bad"), calls);
        assertEquals(0, commit.groups());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
