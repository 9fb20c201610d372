/**
 * Checks on the course content itself: the lessons in this folder parse, hold what the course plan
 * promises, and render (math included) as a page and as a slide deck.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LessonArticle, LessonSlides } from "~/app/_components/lesson";
import { minSnrWeights, signalToNoiseRatio } from "~/gpu-worker/ddpm/losses";
import { DDPMScheduler } from "~/gpu-worker/ddpm/schedulers/ddpm";
import { makeNoiseSchedule, type ScheduleName } from "~/gpu-worker/ddpm/schedules";
import { diffusionTermNats, posteriorVariance, priorNats } from "~/gpu-worker/metrics/bits-per-dim";
import { lessonFor, loadCatalog } from "~/server/lessons";

const { lessons } = await loadCatalog();

describe("the course's lessons", () => {
  it("are lectures 1 to 4, with lectures 1 to 3 published and the rest outlined", () => {
    expect(lessons.map((lesson) => [lesson.kind, lesson.number, lesson.status])).toEqual([
      ["lecture", 1, "published"],
      ["lecture", 2, "published"],
      ["lecture", 3, "published"],
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

  itIsWrittenInFull(lecture, [
    ["l2-partner-no-shrink", "partner-discussion"],
    ["l2-tps-signal-fade", "think-pair-share"],
    ["l2-partner-snr-crossing", "partner-discussion"],
  ]);

  itEndsWithReferencesTo(lecture, [
    "Deep Unsupervised Learning using Nonequilibrium Thermodynamics",
    "Denoising Diffusion Probabilistic Models",
    "Improved Denoising Diffusion Probabilistic Models",
    "Variational Diffusion Models",
  ]);

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

describe("lecture 3, the ELBO and the losses", () => {
  const lecture = lessons.find((lesson) => lesson.slug === "lecture-03-elbo-and-losses")!;

  itIsWrittenInFull(lecture, [
    ["l3-tps-two-step-posterior", "think-pair-share"],
    ["l3-partner-convert-predictions", "partner-discussion"],
    ["l3-partner-v-at-the-ends", "partner-discussion"],
  ]);

  it("has five figures", () => {
    expect(lecture.figures).toHaveLength(5);
  });

  itEndsWithReferencesTo(lecture, [
    "Deep Unsupervised Learning using Nonequilibrium Thermodynamics",
    "Denoising Diffusion Probabilistic Models",
    "Variational Diffusion Models",
    "Progressive Distillation for Fast Sampling of Diffusion Models",
    "Improved Denoising Diffusion Probabilistic Models",
    "Understanding Diffusion Models: A Unified Perspective",
    "Efficient Diffusion Training via Min-SNR Weighting Strategy",
  ]);

  // The lecture's numbers, as written, against the worker's own code: the DDPM sampler's posterior
  // coefficients, the bits-per-dimension metric's posterior variance and bound terms, and the min-SNR
  // weights. The lecture counts steps from 1 as the papers do; the worker counts from 0 (index t − 1).
  const T = 1000;
  const linear = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: T });
  const cosine = makeNoiseSchedule({ schedule: "squaredcos_cap_v2", numTrainTimesteps: T });
  const linearSampler = new DDPMScheduler({ schedule: "linear", numTrainTimesteps: T, varianceType: "fixed_small" });
  const posterior = (t: number) => linearSampler.stepCoefficients(t - 1);
  const varianceRatio = (t: number) => posteriorVariance(linear, t - 1) / linear.betas[t - 1];
  const snr = (t: number) => signalToNoiseRatio(linear, t - 1);
  // The bound's term with an x₀ error of 1 in one coordinate is its weight on ‖x₀ − x̂₀‖²; an ε error of 1
  // is an x₀ error of 1/√SNR(t).
  const boundWeightOnOriginal = (t: number) => diffusionTermNats(linear, t - 1, [1], [0]);
  const boundWeightOnEpsilon = (t: number) => diffusionTermNats(linear, t - 1, [0], [1 / Math.sqrt(snr(t))]);
  const minSnrEpsilonWeight = (t: number) => minSnrWeights("epsilon", linear, [t - 1], 5)[0];
  const firstStepWhere = (length: number, holds: (t: number) => boolean) => Array.from({ length }, (_, i) => i + 1).find(holds);
  // The exercise's two-step chain β₁ = 0.1, β₂ = 0.2 is the linear schedule with T = 2 and those end points.
  const twoStepSampler = new DDPMScheduler({ schedule: "linear", numTrainTimesteps: 2, betaStart: 0.1, betaEnd: 0.2 });
  const twoStep = twoStepSampler.stepCoefficients(1);

  it.each([
    { text: "$\\tilde\\beta_2 / \\beta_2 = 0.455$", written: 0.455, computed: varianceRatio(2) },
    { text: "$\\tilde\\mu_2 = 0.545\\, x_0 + 0.455\\, x_2$", written: 0.545, computed: posterior(2).original },
    { text: "$\\tilde\\mu_2 = 0.545\\, x_0 + 0.455\\, x_2$", written: 0.455, computed: posterior(2).sample },
    { text: "$\\tilde\\beta_{10} / \\beta_{10} = 0.853$", written: 0.853, computed: varianceRatio(10) },
    { text: "$\\tilde\\beta_{100} / \\beta_{100} = 0.982$", written: 0.982, computed: varianceRatio(100) },
    { text: "$\\tilde\\mu_{500} = 0.00307\\, x_0 + 0.994\\, x_{500}$", written: 0.00307, computed: posterior(500).original },
    { text: "$\\tilde\\mu_{500} = 0.00307\\, x_0 + 0.994\\, x_{500}$", written: 0.994, computed: posterior(500).sample },
    { text: "$\\tilde\\beta_{500} / \\beta_{500} = 0.999$", written: 0.999, computed: posterior(500).noiseScale ** 2 / linear.betas[499] },
    { text: "From $t = 168$ on, $\\tilde\\beta_t$ is within 1% of $\\beta_t$", written: 168, computed: firstStepWhere(T, (t) => varianceRatio(t) >= 0.99) },
    { text: "the weight is $0.600$ at $t = 2$", written: 0.6, computed: boundWeightOnEpsilon(2) },
    { text: "$0.0864$ at $t = 10$", written: 0.0864, computed: boundWeightOnEpsilon(10) },
    { text: "$0.0103$ at $t = 100$", written: 0.0103, computed: boundWeightOnEpsilon(100) },
    { text: "$0.00551$\nat $t = 500$", written: 0.00551, computed: boundWeightOnEpsilon(500) },
    { text: "$0.0102$ at $t = 1000$", written: 0.0102, computed: boundWeightOnEpsilon(1000) },
    { text: "The weight at t = 2 against t = 500 is a factor of 109", written: 109, computed: Math.round(boundWeightOnEpsilon(2) / boundWeightOnEpsilon(500)) },
    { text: "up to 109 times that of $t = 500$", written: 109, computed: Math.round(boundWeightOnEpsilon(2) / boundWeightOnEpsilon(500)) },
    { text: "weight is $2.7 \\times 10^{3}$ at $t = 2$", written: 2.7, computed: boundWeightOnOriginal(2) / 1e3 }, // in thousands: 2.7e3 reads as a whole number
    { text: "$4.1 \\times 10^{-7}$ at $t = 1000$", written: 4.1e-7, computed: boundWeightOnOriginal(1000) },
    { text: "$2.9 \\times 10^{-5}$ bits per dimension at most", written: 2.9e-5, computed: priorNats(linear, [1]) / Math.LN2 },
    { text: "a standard deviation of 0.0074", written: 0.0074, computed: Math.sqrt(posteriorVariance(linear, 1)) },
    { text: "$0.339\\,\\delta$ at $t = 100$", written: 0.339, computed: 1 / Math.sqrt(snr(100)) },
    { text: "$3.42\\,\\delta$ at\n  $t = 500$", written: 3.42, computed: 1 / Math.sqrt(snr(500)) },
    { text: "$157\\,\\delta$ at $t = 1000$", written: 157, computed: Math.round(1 / Math.sqrt(snr(1000))) },
    { text: "that factor is 157 at t = 1000", written: 157, computed: Math.round(1 / Math.sqrt(snr(1000))) },
    { text: "$\\sqrt{\\bar\\alpha_T} = 0.0064$", written: 0.0064, computed: Math.sqrt(linear.alphasCumprod[T - 1]) },
    { text: "drops below 5 at $t = 131$", written: 131, computed: firstStepWhere(T, (t) => snr(t) < 5) },
    { text: "the first 130 steps of the linear schedule", written: 130, computed: firstStepWhere(T, (t) => snr(t) < 5)! - 1 },
    { text: "the first 261 of the cosine one", written: 261, computed: firstStepWhere(T, (t) => signalToNoiseRatio(cosine, t - 1) < 5)! - 1 },
    { text: "$0.574$ at $t = 100$", written: 0.574, computed: minSnrEpsilonWeight(100) },
    { text: "$0.0095$ at $t = 10$", written: 0.0095, computed: minSnrEpsilonWeight(10) },
    { text: "x₀ coefficient √0.9 · 0.2/0.28 = 0.678", written: 0.678, computed: twoStep.original },
    { text: "x₂ coefficient √0.8 · 0.1/0.28 = 0.319", written: 0.319, computed: twoStep.sample },
    { text: "β̃₂ = (0.1/0.28) · 0.2 = 0.0714", written: 0.0714, computed: posteriorVariance(twoStepSampler.schedule, 1) },
  ])("says $text, as the worker computes it", ({ text, written, computed }) => {
    expect(lecture.body).toContain(text);
    expect(Math.abs(computed! - written)).toBeLessThanOrEqual(halfUnitOfLastDigit(written));
  });

  it("writes the posterior and the ELBO weights with the coefficients the worker's sampler and bound use", () => {
    // c₁²/(2β̃) = ½(SNR(t − 1) − SNR(t)) and, in ε form, β_t / (2α_t(1 − ᾱ_{t−1})), at every step but the
    // first. To three digits: the sampler derives β_t from the float32 ᾱ ratio and the bound reads the β
    // table, which differ in the fourth digit where β_t is as small as 10⁻⁴.
    for (const t of [2, 10, 100, 500, 1000]) {
      const { original, noiseScale } = posterior(t);
      const beta = linear.betas[t - 1];
      expect(boundWeightOnOriginal(t) / (original ** 2 / (2 * noiseScale ** 2))).toBeCloseTo(1, 3);
      expect(boundWeightOnOriginal(t) / (0.5 * (snr(t - 1) - snr(t)))).toBeCloseTo(1, 3);
      expect(boundWeightOnEpsilon(t) / (beta / (2 * (1 - beta) * (1 - linear.alphasCumprod[t - 2])))).toBeCloseTo(1, 3);
    }
    expect(lecture.body).toContain("\\tfrac12 \\big(\\mathrm{SNR}(t-1) - \\mathrm{SNR}(t)\\big)\\, \\big\\| x_0 - \\hat x_0 \\big\\|^2");
    expect(lecture.body).toContain("\\frac{\\beta_t}{2\\, \\alpha_t\\, (1 - \\bar\\alpha_{t-1})}");
  });
});

type Lesson = (typeof lessons)[number];

/** A published lecture: about 20 slides or more, its exercises in order, and all three figure kinds. */
function itIsWrittenInFull(lecture: Lesson, exercises: [id: string, kind: string][]) {
  it("is written in full: slides, the outline's exercise among its pair exercises, all three figure kinds", () => {
    expect(lecture.slides.length).toBeGreaterThanOrEqual(20);
    expect(lecture.exercises.map(({ id, kind }) => [id, kind])).toEqual(exercises);
    expect(new Set(lecture.figures.map((figure) => figure.kind))).toEqual(
      new Set(["schedule-curves", "forward-process-image", "swiss-roll-noising"]),
    );
  });
}

function itEndsWithReferencesTo(lecture: Lesson, papers: string[]) {
  it("ends with references to the papers it draws on", () => {
    const references = lecture.slides.find((slide) => slide.title === "References");
    const text = (references?.blocks ?? []).map((block) => (block.type === "markdown" ? block.markdown : "")).join(" ").replace(/\s+/g, " ");

    for (const paper of papers) expect(text).toContain(paper);
  });
}

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
