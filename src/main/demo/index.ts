// Public surface of the demo library generator.
export { makeDemoLibrary, DEMO_RECIPE_VERSION, DEMO_MARKER, safeFileName, actorFileName } from './make-demo';
export type { DemoProgress, DemoResult, MakeDemoOptions } from './make-demo';
export { loadRecipe, resolvePremiered, CODEC_SETS } from './recipe';
export type { Recipe, RecipeMovie, RecipeShow, RecipeEpisode, CodecSet } from './recipe';
