/**
 * Checks on the course content itself: the lessons in this folder parse, hold what the course plan
 * promises, and render (math included) as a page and as a slide deck.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LessonArticle, LessonSlides } from "~/app/_components/lesson";
import { makeNoiseSchedule, type ScheduleName } from "~/gpu-worker/ddpm/schedules";
import { lessonFor, loadCatalog } from "~/server/lessons";

const { lessons } = await loadCatalog();

describe("the course's lessons", () => {
  it("are lectures 1 to 4, with lectures 1 and 2 published and the rest outlined", () => {
    expect(lessons.map((lesson) => [lesson.kind, lesson.number, lesson.status])).toEqual([
      ["lecture", 1, "published"],
      ["lecture", 2, "published"],
      ["lecture", 3, "outline"],
      ["lecture", 4, "outline"],
    ]);
  });

  it("give lecture 1 the three in-class exercises of the original lecture, with its timings and groups", () => {
    const exercises = lessons[0].exercises.map(({ kind, durationMinutes, groupSize }) => ({ kind, durationMinutes, groupSize }));

    expect(exercises).toEqual([
      { kind: "partner-discussion", durationMinutes: 2, groupSize: { min: 2, max: 2 } },
      { kind: "think-pair-share", durationMinutes: 3, groupSize: { min: 2, max: 2 } },
      { kind: "group-discussion", durationMinutes: 4, groupSize: { min: 3, max: 4 } },
    ]);
  });

  it("plan one exercise in each outline", () => {
    const outlines = lessons.filter((lesson) => lesson.status === "outline");

    expect(outlines.map((lesson) => lesson.exercises.length)).toEqual(outlines.map(() => 1));
  });

  it("have speaker notes on every slide of a published lesson", () => {
    const slidesWithoutNotes = lessons
      .filter((lesson) => lesson.status === "published")
      .flatMap((lesson) => lesson.slides.filter((slide) => !slide.notes).map((slide) => `${lesson.slug}: ${slide.title}`));

    expect(slidesWithoutNotes).toEqual([]);
  });
});

describe("lecture 2, the forward process", () => {
  const lecture = lessons.find((lesson) => lesson.slug === "lecture-02-forward-process")!;

  it("is written in full: slides, the outline's exercise among its pair exercises, all three figure kinds", () => {
    expect(lecture.slides.length).toBeGreaterThanOrEqual(20);
    expect(lecture.exercises.map(({ id, kind }) => [id, kind])).toEqual([
      ["l2-partner-no-shrink", "partner-discussion"],
      ["l2-tps-signal-fade", "think-pair-share"],
      ["l2-partner-snr-crossing", "partner-discussion"],
    ]);
    expect(new Set(lecture.figures.map((figure) => figure.kind))).toEqual(
      new Set(["schedule-curves", "forward-process-image", "swiss-roll-noising"]),
    );
  });

  it("ends with references to the papers it draws on", () => {
    const references = lecture.slides.find((slide) => slide.title === "References");
    const text = (references?.blocks ?? []).map((block) => (block.type === "markdown" ? block.markdown : "")).join(" ").replace(/\s+/g, " ");

    for (const paper of [
      "Deep Unsupervised Learning using Nonequilibrium Thermodynamics",
      "Denoising Diffusion Probabilistic Models",
      "Improved Denoising Diffusion Probabilistic Models",
      "Variational Diffusion Models",
    ]) {
      expect(text).toContain(paper);
    }
  });

  // The lecture's worked numbers, as written, against the worker's own float32 tables. The lecture counts
  // steps from 1 as the papers do; the tables count from 0.
  const T = 1000;
  const tables = Object.fromEntries(
    (["linear", "squaredcos_cap_v2"] as const).map((name) => [name, makeNoiseSchedule({ schedule: name, numTrainTimesteps: T })]),
  ) as Record<"linear" | "squaredcos_cap_v2", ReturnType<typeof makeNoiseSchedule>>;
  const alphaBar = (schedule: keyof typeof tables, t: number) => tables[schedule].alphasCumprod[t - 1];
  const firstStepBelow = (schedule: keyof typeof tables, threshold: number) =>
    tables[schedule].alphasCumprod.findIndex((value) => value < threshold) + 1;
  const klToStandardNormal = (schedule: keyof typeof tables, x0: number) => {
    const a = alphaBar(schedule, T);
    return 0.5 * (a * x0 * x0 - a - Math.log(1 - a));
  };
  const stableDiffusionAlphaBarT = makeNoiseSchedule({
    schedule: "scaled_linear" satisfies ScheduleName,
    numTrainTimesteps: T,
    betaStart: 0.00085,
    betaEnd: 0.012,
  }).alphasCumprod[T - 1];

  it.each([
    { text: "\\bar\\alpha_{100} = 0.897", written: 0.897, computed: alphaBar("linear", 100) },
    { text: "\\bar\\alpha_{250} = 0.524", written: 0.524, computed: alphaBar("linear", 250) },
    { text: "\\bar\\alpha_{500} = 0.0786", written: 0.0786, computed: alphaBar("linear", 500) },
    { text: "\\bar\\alpha_{750} = 0.00335", written: 0.00335, computed: alphaBar("linear", 750) },
    { text: "\\bar\\alpha_{1000} = 4.04 \\times 10^{-5}", written: 4.04e-5, computed: alphaBar("linear", 1000) },
    { text: "Half of the signal's variance is gone by $t = 260$", written: 260, computed: firstStepBelow("linear", 0.5) },
    { text: "from $t = 674$ on, less than 1% is left", written: 674, computed: firstStepBelow("linear", 0.01) },
    { text: "at $t = 497$ for the cosine one", written: 497, computed: firstStepBelow("squaredcos_cap_v2", 0.5) },
    { text: "$t = 250$: $0.524$ against $0.847$", written: 0.847, computed: alphaBar("squaredcos_cap_v2", 250) },
    { text: "$t = 500$: $0.0786$ against $0.494$", written: 0.494, computed: alphaBar("squaredcos_cap_v2", 500) },
    { text: "$t = 750$: $0.00335$ against $0.144$", written: 0.144, computed: alphaBar("squaredcos_cap_v2", 750) },
    { text: "$\\sqrt{\\beta_1} = 0.0064$", written: 0.0064, computed: Math.sqrt(tables.squaredcos_cap_v2.betas[0]) },
    { text: "it leaves $\\bar\\alpha_T = 2.4 \\times 10^{-9}$", written: 2.4e-9, computed: alphaBar("squaredcos_cap_v2", T) },
    { text: "$t = 250$: $0.724$ and $0.690$", written: 0.69, computed: Math.sqrt(1 - alphaBar("linear", 250)) },
    {
      text: "$x_{500} = 0.280 \\cdot 0.5 + 0.960 \\cdot (-1.2) = -1.01$",
      written: -1.01,
      computed: Math.sqrt(alphaBar("linear", 500)) * 0.5 - Math.sqrt(1 - alphaBar("linear", 500)) * 1.2,
    },
    { text: "at most $2.0 \\times 10^{-5}$ nats", written: 2.0e-5, computed: klToStandardNormal("linear", 1) },
    { text: "or $0.016$ nats for a whole $28 \\times 28$ image", written: 0.016, computed: 784 * klToStandardNormal("linear", 1) },
    { text: "$\\mathrm{SNR}(T) = 0.0047$", written: 0.0047, computed: stableDiffusionAlphaBarT / (1 - stableDiffusionAlphaBarT) },
    { text: "$\\sqrt{\\bar\\alpha_T} = 0.068$", written: 0.068, computed: Math.sqrt(stableDiffusionAlphaBarT) },
  ])("says $text, as the DDPM core computes it", ({ text, written, computed }) => {
    expect(lecture.body).toContain(text);
    expect(Math.abs(computed - written)).toBeLessThanOrEqual(halfUnitOfLastDigit(written));
  });
});

/** Half a unit in the last written digit of a number: 0.0786 → 0.00005, 4.04e-5 → 5e-8, 260 → 0.5. */
function halfUnitOfLastDigit(written: number): number {
  const [mantissa, exponent] = written.toExponential().split("e");
  const decimals = mantissa.split(".")[1]?.length ?? 0;
  // Whole numbers are counts or steps: exact. The tiny slack absorbs float formatting of the bound.
  return Number.isInteger(written) ? 0 : 0.5 * 10 ** (Number(exponent) - decimals) * (1 + 1e-9);
}

describe.each(lessons)("$slug renders", (lesson) => {
  afterEach(() => vi.restoreAllMocks());

  it("as a page with every exercise, its action slot, and math that KaTeX accepts", () => {
    // KaTeX warns on the console about math it only half understands (e.g. Unicode in math mode).
    const katexWarning = vi.spyOn(console, "warn");
    const renderExerciseAction = (exercise: { id: string }) => createElement("button", null, `Start ${exercise.id}`);

    const html = renderToStaticMarkup(createElement(LessonArticle, { lesson: lessonFor(lesson, "staff"), renderExerciseAction }));

    expect(html).not.toContain("katex-error");
    expect(katexWarning).not.toHaveBeenCalled();
    for (const exercise of lesson.exercises) {
      expect(html).toContain(`id="exercise-${exercise.id}"`);
      expect(html).toContain(`<button>Start ${exercise.id}</button>`);
    }
    expect(html.match(/<h2 /g)).toHaveLength(lesson.slides.length + 1); // the slides and "Contents"
  });

  it("as a deck that opens on a title slide", () => {
    const html = renderToStaticMarkup(createElement(LessonSlides, { lesson: lessonFor(lesson, "staff"), presenterView: true }));

    expect(html).toContain(`1 / ${lesson.slides.length + 1}`);
    expect(html).toContain(`Slide 1 of ${lesson.slides.length + 1}: ${lesson.title}`);
  });
});
