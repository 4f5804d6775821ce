// Generates the FSRS-6 test vectors that progress-service's FsrsVectorsTest replays.
// ts-fsrs is the reference implementation; its output is the oracle, committed as JSON so the
// Java build never needs Node. Regenerate with:
//   npm install && npm run generate
// Deterministic: fixed start instants, a seeded PRNG, no wall clock.
"use strict";
const { fsrs, createEmptyCard, generatorParameters, Rating, FSRSVersion } = require("ts-fsrs");
const VERSION = "5.4.2";
if (!FSRSVersion.startsWith("v" + VERSION + " ")) {
  throw new Error("expected ts-fsrs " + VERSION + ", found " + FSRSVersion);
}

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const RATINGS = { 1: "AGAIN", 2: "HARD", 3: "GOOD", 4: "EASY" };
const STATES = { 0: "NEW", 1: "LEARNING", 2: "REVIEW", 3: "RELEARNING" };

// mulberry32: a small seeded PRNG, so the random vectors are the same on every run.
function prng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cardJson(card) {
  return {
    state: STATES[card.state],
    stability: card.stability,
    difficulty: card.difficulty,
    due: card.due.toISOString(),
    lastReview: card.last_review ? card.last_review.toISOString() : null,
    scheduledDays: card.scheduled_days,
    elapsedDays: card.elapsed_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
  };
}

/**
 * Replays reviews on a new card. Each review is { rating, at } where `at` decides when it happens:
 * "due" (exactly at the card's due time), { afterDue: ms } (late), { beforeDue: fraction } (early, a
 * fraction of the time from the last review to due), { afterLast: ms } (that long after the last
 * review), or an absolute ISO instant.
 */
function run(name, description, params, start, reviews) {
  const f = fsrs(generatorParameters(Object.assign({ enable_fuzz: false }, params)));
  let card = createEmptyCard(new Date(start));
  const steps = [];
  for (const review of reviews) {
    const now = when(card, review.at);
    card = f.next(card, now, review.rating).card;
    // Retrievability as ts-fsrs reports it (whole days since the last review, floored), at three moments.
    const probes = [0, DAY / 2, 3 * DAY + 7 * MINUTE, 40 * DAY].map((offset) => {
      const at = new Date(card.due.getTime() + offset);
      return { at: at.toISOString(), retrievability: f.get_retrievability(card, at, false) };
    });
    steps.push({ reviewedAt: now.toISOString(), rating: RATINGS[review.rating], card: cardJson(card), probes });
  }
  return { name, description, parameters: params, start, steps };
}

function when(card, at) {
  if (at === undefined || at === "due") {
    return new Date(card.due.getTime());
  }
  if (typeof at === "string") {
    return new Date(at);
  }
  if (at.afterDue !== undefined) {
    return new Date(card.due.getTime() + at.afterDue);
  }
  if (at.beforeDue !== undefined) {
    const last = card.last_review ? card.last_review.getTime() : card.due.getTime();
    return new Date(Math.round(last + (card.due.getTime() - last) * (1 - at.beforeDue)));
  }
  if (at.afterLast !== undefined) {
    const last = card.last_review ? card.last_review.getTime() : card.due.getTime();
    return new Date(last + at.afterLast);
  }
  throw new Error("unknown timing " + JSON.stringify(at));
}

const R = (rating, at) => ({ rating, at });
const atDue = (...ratings) => ratings.map((r) => R(r));
const { Again, Hard, Good, Easy } = Rating;
const START = "2022-11-29T12:30:00.000Z";
const vectors = [];

vectors.push(run("reference", "the published vector: Good x6, Again x2, Good x5, each at its due time", {}, START,
  atDue(Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good)));

for (const [first, label] of [[Again, "again"], [Hard, "hard"], [Good, "good"], [Easy, "easy"]]) {
  vectors.push(run("first-" + label, "a new card first rated " + RATINGS[first] + ", then Good at due", {}, START,
    atDue(first, Good, Good, Good, Good, Good)));
}

vectors.push(run("learning-steps", "Again, Hard and Good through the 1m/10m learning steps before graduating", {},
  START, atDue(Again, Hard, Hard, Good, Again, Good, Good, Good, Hard)));

vectors.push(run("easy-chain", "Easy every time, up to the maximum interval", {}, START,
  atDue(Easy, Easy, Easy, Easy, Easy, Easy, Easy, Easy, Easy, Easy, Easy, Easy)));

vectors.push(run("hard-chain", "Hard every time", {}, START,
  atDue(Hard, Hard, Hard, Hard, Hard, Hard, Hard, Hard, Hard, Hard)));

vectors.push(run("lapses-and-relearning", "lapses in review, Again and Hard in relearning, recovery", {}, START,
  atDue(Good, Good, Good, Good, Again, Again, Hard, Hard, Good, Good, Again, Good, Easy, Good, Again, Easy)));

vectors.push(run("reviews-before-due", "each review at half the time to due, then a quarter", {}, START, [
  R(Good), R(Good), R(Good, { beforeDue: 0.5 }), R(Good, { beforeDue: 0.5 }), R(Easy, { beforeDue: 0.75 }),
  R(Hard, { beforeDue: 0.25 }), R(Good, { beforeDue: 0.5 }), R(Again, { beforeDue: 0.9 }), R(Good), R(Good, { beforeDue: 0.5 }),
]));

vectors.push(run("same-day-reviews-in-review", "reviews again on the day of a review: FSRS-6 short-term stability", {},
  START, [
    R(Good), R(Good), R(Good), R(Good, { afterLast: 2 * 60 * MINUTE }), R(Hard, { afterLast: 30 * MINUTE }),
    R(Easy, { afterLast: 3 * 60 * MINUTE }), R(Again, { afterLast: 5 * MINUTE }), R(Good), R(Good),
    R(Good, { afterLast: MINUTE }),
  ]));

vectors.push(run("reviews-after-due", "each review days to months late", {}, START, [
  R(Good), R(Good, { afterDue: 3 * DAY }), R(Good, { afterDue: 10 * DAY }), R(Hard, { afterDue: 40 * DAY }),
  R(Good, { afterDue: 100 * DAY }), R(Easy, { afterDue: 7 * DAY + 5 * 60 * MINUTE }), R(Again, { afterDue: 200 * DAY }),
  R(Good, { afterDue: 2 * DAY }), R(Good, { afterDue: 30 * DAY }),
]));

vectors.push(run("long-gaps", "a year, then ten years, between reviews", {}, START, [
  R(Good), R(Good), R(Good, { afterLast: 365 * DAY }), R(Good, { afterLast: 3650 * DAY }), R(Again, { afterLast: 1000 * DAY }),
  R(Good, { afterLast: 20 * 60 * MINUTE }), R(Good, { afterLast: 5 * 365 * DAY }), R(Easy, { afterLast: 12000 * DAY }),
]));

vectors.push(run("learning-card-left-for-days", "a learning card answered days after its step was due", {}, START, [
  R(Good), R(Again, { afterLast: 3 * DAY }), R(Hard, { afterLast: 5 * DAY }), R(Good, { afterLast: 2 * DAY }),
  R(Good), R(Again), R(Good, { afterLast: 9 * DAY }), R(Good),
]));

vectors.push(run("across-utc-midnight", "elapsed days count UTC calendar days: 23:55 then 00:05 is one day", {},
  "2024-03-09T23:50:00.000Z", [
    R(Good, "2024-03-09T23:50:00.000Z"), R(Good, "2024-03-09T23:55:00.000Z"), R(Good, "2024-03-10T00:05:00.000Z"),
    R(Good, "2024-03-12T23:59:00.000Z"), R(Good, "2024-03-13T00:00:00.000Z"), R(Hard, "2024-03-20T00:01:00.000Z"),
    R(Again, "2024-03-20T23:59:59.000Z"), R(Good, "2024-03-21T00:00:01.000Z"), R(Good, "2024-03-22T12:00:00.000Z"),
  ]));

vectors.push(run("retention-0.8", "desired retention 0.8: longer intervals", { request_retention: 0.8 }, START,
  atDue(Good, Good, Good, Good, Again, Good, Good, Hard, Easy)));

vectors.push(run("retention-0.95", "desired retention 0.95: shorter intervals", { request_retention: 0.95 }, START,
  atDue(Good, Good, Good, Good, Again, Good, Good, Hard, Easy)));

vectors.push(run("maximum-interval-365", "intervals capped at 365 days", { maximum_interval: 365 }, START,
  atDue(Easy, Easy, Easy, Easy, Easy, Easy, Good, Hard, Easy)));

// Random vectors: all four ratings, reviews at, before and after due, same-day repeats and long gaps.
const random = prng(20221129);
const pick = (items) => items[Math.floor(random() * items.length)];
for (let v = 0; v < 14; v++) {
  const length = 12 + Math.floor(random() * 14);
  const reviews = [];
  for (let i = 0; i < length; i++) {
    const rating = pick([Again, Hard, Good, Good, Good, Easy]);
    const timing = pick(["due", "due", "early", "late", "late", "same-day", "gap"]);
    let at;
    if (timing === "due") {
      at = "due";
    } else if (timing === "early") {
      at = { beforeDue: Math.round(random() * 90) / 100 };
    } else if (timing === "late") {
      at = { afterDue: Math.floor(random() * 60 * DAY / MINUTE) * MINUTE };
    } else if (timing === "same-day") {
      at = { afterLast: (1 + Math.floor(random() * 600)) * MINUTE };
    } else {
      at = { afterLast: (200 + Math.floor(random() * 2000)) * DAY + Math.floor(random() * 1440) * MINUTE };
    }
    reviews.push(R(rating, at));
  }
  const start = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 1000 * 1440) * MINUTE).toISOString();
  const params = v % 5 === 4 ? { request_retention: pick([0.85, 0.92, 0.97]) } : {};
  vectors.push(run("random-" + (v + 1), "seeded random ratings and timings", params, start, reviews));
}

// One step per line: readable diffs when the vectors are regenerated.
const header = {
  generator: "progress-service/src/test/fsrs-oracle/generate-vectors.cjs",
  oracle: "ts-fsrs@" + VERSION,
  defaults: { enable_fuzz: false, enable_short_term: true, learning_steps: ["1m", "10m"], relearning_steps: ["10m"],
    request_retention: 0.9, maximum_interval: 36500 },
};
const out = [];
out.push("{");
for (const [key, value] of Object.entries(header)) {
  out.push(" " + JSON.stringify(key) + ": " + JSON.stringify(value) + ",");
}
out.push(' "vectors": [');
vectors.forEach((vector, v) => {
  out.push("  {\"name\": " + JSON.stringify(vector.name) + ", \"description\": " + JSON.stringify(vector.description)
    + ", \"parameters\": " + JSON.stringify(vector.parameters) + ", \"start\": " + JSON.stringify(vector.start)
    + ", \"steps\": [");
  vector.steps.forEach((step, i) => {
    out.push("   " + JSON.stringify(step) + (i + 1 < vector.steps.length ? "," : ""));
  });
  out.push("  ]}" + (v + 1 < vectors.length ? "," : ""));
});
out.push(" ]");
out.push("}");
process.stdout.write(out.join("\n") + "\n");
