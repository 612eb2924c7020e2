// Whether the page may move by itself: not when the family turned on Reduce motion (Settings › Appearance,
// the `mc-reduce-motion` class the theme store keeps on <html>) nor when the system asks for less motion.
// CSS covers transitions and animations; this covers scrolling that scripts ask to be smooth.

export function prefersLessMotion(): boolean {
  return document.documentElement.classList.contains('mc-reduce-motion') || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** The behaviour for scrollBy / scrollIntoView: smooth unless motion is reduced. */
export function scrollBehaviour(): ScrollBehavior {
  return prefersLessMotion() ? 'auto' : 'smooth';
}
