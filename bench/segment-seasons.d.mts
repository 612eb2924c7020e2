// Types of segment-seasons.mjs for the TypeScript tests that import it.
export interface PlannedEpisode {
  seed: number;
  coldOpen: number;
  content: number;
  noise: number;
  intro?: { theme: number; seconds: number; gain: number };
  credits?: { theme: number; seconds: number; gain: number };
  audio?: boolean;
}
export interface EpisodeTruth {
  path: string;
  duration: number;
  intro: { start: number; end: number } | null;
  credits: { start: number; end: number } | null;
}
export function makeEpisode(ffmpeg: string, output: string, ep: PlannedEpisode): Promise<EpisodeTruth>;
export function randomFrom(seed: number): () => number;
export function planSeason(o: {
  seed: number;
  episodes: number;
  introSeconds: number;
  coldOpen: [number, number];
  content: [number, number];
  creditsSeconds?: number;
  theme: number;
  sharedIntro?: boolean;
  noise?: number;
}): PlannedEpisode[];
