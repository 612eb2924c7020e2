// The keys a remote control has, for every screen: arrows move focus to the nearest control in
// that direction, Back (Backspace, Escape, the browser-back key) goes back. A view that owns
// some keys itself (the poster grid, the player) handles them first and calls preventDefault;
// this listener sits on window, so it runs after them and leaves those keys alone.
import type { Router } from 'vue-router';
import { directionOfKey, pickNeighbour, type Box } from './spatial-nav';
import { scrollBehaviour } from './motion';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(element.type);
  }
  return element instanceof HTMLElement && element.isContentEditable;
}

function focusableCandidates(): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const element of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (element.tabIndex < 0 || element.closest('[inert]')) continue;
    if (element.getClientRects().length === 0) continue;
    found.push(element);
  }
  return found;
}

function boxOf(element: Element): Box {
  const rect = element.getBoundingClientRect();
  return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
}

function focusAndReveal(element: HTMLElement): void {
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: scrollBehaviour() });
}

/** Moves focus by an arrow key; true when it moved. */
export function moveFocus(key: string): boolean {
  const direction = directionOfKey(key);
  if (!direction) return false;
  const current = document.activeElement;
  const candidates = focusableCandidates();
  if (!current || current === document.body || !(current instanceof HTMLElement)) {
    const first = document.querySelector<HTMLElement>('[data-autofocus]') ?? candidates[0];
    if (!first) return false;
    focusAndReveal(first);
    return true;
  }
  const others = candidates.filter((element) => element !== current);
  const index = pickNeighbour(boxOf(current), others.map(boxOf), direction);
  const next = others[index];
  if (!next) return false;
  focusAndReveal(next);
  return true;
}

const BACK_KEYS = new Set(['Backspace', 'Escape', 'BrowserBack', 'GoBack']);

export function goBack(router: Router): void {
  const state: unknown = window.history.state;
  const hasBack = typeof state === 'object' && state !== null && typeof (state as { back?: unknown }).back === 'string';
  if (hasBack) router.back();
  else if (router.currentRoute.value.path !== '/') void router.push('/');
}

export function installRemoteKeys(router: Router): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = document.activeElement;
    const inText = isTextField(target);

    if (BACK_KEYS.has(event.key)) {
      // In a text field Backspace deletes and Escape first empties the field.
      if (inText && event.key === 'Backspace') return;
      if (inText && event.key === 'Escape' && target instanceof HTMLInputElement && target.value !== '') return;
      if (document.fullscreenElement) return;
      event.preventDefault();
      goBack(router);
      return;
    }

    if (!directionOfKey(event.key)) return;
    // In a text field left and right move the caret, on a slider they slide; up and down leave both.
    const horizontal = event.key === 'ArrowLeft' || event.key === 'ArrowRight';
    const slider = target instanceof HTMLInputElement && target.type === 'range';
    if (horizontal && (inText || slider)) return;
    if (moveFocus(event.key)) event.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
