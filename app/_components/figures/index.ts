/** Interactive lesson figures (the ```figure blocks of lessons/), computed with the DDPM core in the browser. */
export { LessonFigure } from "./LessonFigure";
