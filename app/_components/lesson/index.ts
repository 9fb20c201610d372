/** Components that render a parsed lesson (server/lessons): as a reading page and as a slide deck. */
export { ExerciseCard, type ExerciseCardProps } from "./ExerciseCard";
export { LessonArticle, type LessonArticleProps } from "./LessonArticle";
export { LessonSlides, type LessonSlidesProps } from "./LessonSlides";
export { PRESENTER_VIEW_PARAM } from "./presenter-view";
export { SlideDeck, type DeckSlide, type SlideDeckProps } from "./SlideDeck";
export type { RenderExerciseAction } from "./SlideBlocks";
