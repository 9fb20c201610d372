import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more; 0–2 are too easy to guess. */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/**
 * What is wrong with `password` as a new password, in words with zxcvbn's advice, or null when it is
 * hard enough to guess. `related` are the person's own name and e-mail, which a guesser tries first.
 * The dictionaries (common passwords, English words and names) load on first use, about half a second.
 */
export function passwordWeakness(password: string, related: string[]): string | null {
  // No Levenshtein matching: it makes one check cost hundreds of milliseconds of CPU per request.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  // "Ada Lovelace" and ada.lovelace@uni.edu: the words a guesser tries, not just the whole strings.
  const words = related.flatMap((value) => [value, ...value.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((word) => word.length >= 3);
  const result = estimator.check(password, words);
  if (result.score >= MIN_SCORE) return null;
  const advice = result.feedback.suggestions.length ? result.feedback.suggestions : ["Add another word or two that are not common."];
  return ["This password is too easy to guess.", result.feedback.warning, ...advice].filter(Boolean).join(" ");
}
