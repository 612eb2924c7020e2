// Demo artwork composed as SVG and rasterised to JPEG with sharp: posters, backdrops, season posters, actor photos.
import sharp from 'sharp';
import type { ArtSpec, Motif } from './recipe';
import { escapeXmlAttr } from './nfo-writer';

export const POSTER = { width: 600, height: 900 } as const;
export const BACKDROP = { width: 1280, height: 720 } as const;
export const ACTOR_PHOTO = { width: 300, height: 450 } as const;

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** Deterministic per title, so regenerating the demo gives the same pictures. */
function rng(seedText: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seedText.length; i++) h = Math.imul(h ^ seedText.charCodeAt(i), 16777619);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashHue(text: string): number {
  return Math.floor(rng(text)() * 360);
}

const hsl = (h: number, s: number, l: number, a = 1): string =>
  a === 1 ? `hsl(${Math.round(((h % 360) + 360) % 360)},${s}%,${l}%)` : `hsla(${Math.round(((h % 360) + 360) % 360)},${s}%,${l}%,${a})`;

// DejaVu Sans Bold is wide: ~0.62 em per character on average is a safe estimate for mixed-case titles.
const BOLD_EM = 0.62;

/** Greedy word wrap into at most `maxLines` lines, shrinking the type until it fits `maxWidth`. */
function fitTitle(
  title: string,
  maxWidth: number,
  startSize: number,
  maxLines: number,
  em = BOLD_EM,
  minSize = 18,
): { lines: string[]; size: number } {
  const words = title.split(/\s+/);
  for (let size = startSize; size >= minSize; size -= 1) {
    const perLine = Math.floor(maxWidth / (size * em));
    const lines: string[] = [];
    let line = '';
    let fits = true;
    for (const word of words) {
      if (word.length > perLine) fits = false;
      const candidate = line ? `${line} ${word}` : word;
      if (candidate.length <= perLine) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    if (fits && lines.length <= maxLines) return { lines, size };
  }
  return { lines: [title], size: minSize };
}

interface Palette {
  top: string;
  bottom: string;
  accent: string;
  accentSoft: string;
  ink: string;
  inkSoft: string;
  shade: string;
}

function palette(art: ArtSpec): Palette {
  const h = art.hue;
  return art.light
    ? {
        top: hsl(h, 55, 86),
        bottom: hsl(h + 25, 45, 62),
        accent: hsl(h + 160, 45, 42),
        accentSoft: hsl(h - 20, 50, 72),
        ink: hsl(h + 200, 40, 14),
        inkSoft: hsl(h + 200, 25, 28),
        shade: 'rgba(255,255,255,0.35)',
      }
    : {
        top: hsl(h, 50, 24),
        bottom: hsl(h + 30, 55, 7),
        accent: hsl(h + 35, 80, 64),
        accentSoft: hsl(h - 10, 45, 38),
        ink: hsl(h + 40, 30, 96),
        inkSoft: hsl(h + 40, 20, 80),
        shade: 'rgba(0,0,0,0.45)',
      };
}

/** Shapes for a motif in a W×H frame; `horizon` is where the text block begins (kept calmer below it). */
function motifShapes(motif: Motif, W: number, H: number, p: Palette, rand: () => number): string {
  const out: string[] = [];
  const r = (a: number, b: number): number => a + (b - a) * rand();
  const n = (v: number): string => v.toFixed(1);
  switch (motif) {
    case 'sun': {
      const cx = W * r(0.35, 0.65);
      const cy = H * 0.36;
      const rad = Math.min(W, H) * 0.26;
      out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rad * 1.6)}" fill="url(#glow)"/>`);
      out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rad)}" fill="${p.accent}"/>`);
      for (let i = 0; i < 6; i++) {
        const y = cy + rad * (0.15 + i * 0.15);
        out.push(`<rect x="${n(cx - rad * 1.05)}" y="${n(y)}" width="${n(rad * 2.1)}" height="${n(3 + i * 2.2)}" fill="${p.top}"/>`);
      }
      out.push(`<rect x="0" y="${n(cy + rad)}" width="${W}" height="${n(H)}" fill="${p.accentSoft}" opacity="0.35"/>`);
      break;
    }
    case 'moon': {
      const cx = W * r(0.55, 0.75);
      const cy = H * 0.26;
      const rad = Math.min(W, H) * 0.16;
      for (let i = 0; i < 90; i++) {
        out.push(`<circle cx="${n(r(0, W))}" cy="${n(r(0, H * 0.7))}" r="${n(r(0.6, 2.2))}" fill="${p.ink}" opacity="${r(0.3, 0.9).toFixed(2)}"/>`);
      }
      out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rad * 2.2)}" fill="url(#glow)"/>`);
      out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rad)}" fill="${p.accent}" mask="url(#crescent)"/>`);
      out.push(
        `<mask id="crescent"><rect width="${W}" height="${H}" fill="white"/><circle cx="${n(cx + rad * 0.45)}" cy="${n(cy - rad * 0.2)}" r="${n(rad * 0.9)}" fill="black"/></mask>`,
      );
      out.push(hills(W, H, 0.72, p.bottom, rand, 0.9));
      break;
    }
    case 'mountains': {
      out.push(`<circle cx="${n(W * r(0.2, 0.8))}" cy="${n(H * 0.22)}" r="${n(Math.min(W, H) * 0.09)}" fill="${p.accent}" opacity="0.85"/>`);
      const layers = 4;
      for (let i = 0; i < layers; i++) {
        const base = H * (0.42 + i * 0.1);
        const peaks = 3 + i;
        let d = `M0 ${n(H)} L0 ${n(base)}`;
        for (let k = 0; k <= peaks * 2; k++) {
          const x = (W * k) / (peaks * 2);
          const y = k % 2 === 1 ? base - H * r(0.08, 0.2) * (1 - i * 0.15) : base + H * r(-0.02, 0.04);
          d += ` L${n(x)} ${n(y)}`;
        }
        d += ` L${n(W)} ${n(H)} Z`;
        out.push(`<path d="${d}" fill="${p.accentSoft}" opacity="${(0.35 + i * 0.18).toFixed(2)}"/>`);
      }
      break;
    }
    case 'waves': {
      for (let i = 0; i < 7; i++) {
        const base = H * (0.38 + i * 0.08);
        const amp = H * r(0.012, 0.03);
        const len = W / r(1.2, 2.6);
        let d = `M0 ${n(base)}`;
        for (let x = 0; x <= W; x += W / 40) d += ` L${n(x)} ${n(base + amp * Math.sin((x / len) * Math.PI * 2 + i))}`;
        d += ` L${W} ${H} L0 ${H} Z`;
        out.push(`<path d="${d}" fill="${i % 2 ? p.accentSoft : p.accent}" opacity="${(0.12 + i * 0.06).toFixed(2)}"/>`);
      }
      break;
    }
    case 'rings': {
      const cx = W * r(0.4, 0.6);
      const cy = H * 0.34;
      const base = Math.min(W, H) * 0.12;
      out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(base * 2.5)}" fill="url(#glow)"/>`);
      out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(base * 0.55)}" fill="${p.accent}"/>`);
      for (let i = 1; i <= 5; i++) {
        const rx = base * (0.6 + i * 0.55);
        const tilt = r(-18, 18);
        out.push(
          `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(rx * 0.32)}" transform="rotate(${n(tilt)} ${n(cx)} ${n(cy)})" fill="none" stroke="${p.ink}" stroke-opacity="0.35" stroke-width="1.6"/>`,
        );
        const a = r(0, Math.PI * 2);
        out.push(`<circle cx="${n(cx + rx * Math.cos(a))}" cy="${n(cy + rx * 0.32 * Math.sin(a))}" r="${n(r(3, 7))}" fill="${p.ink}" opacity="0.8"/>`);
      }
      break;
    }
    case 'stars': {
      for (let i = 0; i < 140; i++) {
        out.push(`<circle cx="${n(r(0, W))}" cy="${n(r(0, H * 0.8))}" r="${n(r(0.5, 2))}" fill="${p.ink}" opacity="${r(0.25, 0.9).toFixed(2)}"/>`);
      }
      for (let i = 0; i < 6; i++) {
        const x = r(W * 0.1, W * 0.9);
        const y = r(H * 0.08, H * 0.55);
        const s = r(8, 22);
        out.push(
          `<path d="M${n(x)} ${n(y - s)} Q${n(x)} ${n(y)} ${n(x + s)} ${n(y)} Q${n(x)} ${n(y)} ${n(x)} ${n(y + s)} Q${n(x)} ${n(y)} ${n(x - s)} ${n(y)} Q${n(x)} ${n(y)} ${n(x)} ${n(y - s)} Z" fill="${p.accent}"/>`,
        );
      }
      const cx = r(W * 0.2, W * 0.8);
      out.push(`<path d="M${n(cx - W * 0.3)} ${n(H * 0.05)} Q${n(cx)} ${n(H * 0.25)} ${n(cx + W * 0.35)} ${n(H * 0.42)}" stroke="${p.accent}" stroke-width="3" fill="none" opacity="0.6"/>`);
      out.push(hills(W, H, 0.7, p.bottom, rand, 1));
      break;
    }
    case 'skyline': {
      let x = 0;
      while (x < W) {
        const w = r(W * 0.05, W * 0.12);
        const h = r(H * 0.12, H * 0.4);
        out.push(`<rect x="${n(x)}" y="${n(H * 0.72 - h)}" width="${n(w - 2)}" height="${n(h + H * 0.3)}" fill="${p.accentSoft}" opacity="0.8"/>`);
        for (let wy = H * 0.72 - h + 8; wy < H * 0.7; wy += 14) {
          for (let wx = x + 5; wx < x + w - 8; wx += 10) {
            if (rand() < 0.3) out.push(`<rect x="${n(wx)}" y="${n(wy)}" width="4" height="6" fill="${p.accent}" opacity="0.8"/>`);
          }
        }
        x += w;
      }
      break;
    }
    case 'leaves': {
      for (let i = 0; i < 26; i++) {
        const x = r(-W * 0.05, W * 1.05);
        const y = r(-H * 0.05, H * 0.65);
        const s = r(18, 60);
        const rot = r(0, 360);
        const fill = rand() < 0.5 ? p.accent : p.accentSoft;
        out.push(
          `<g transform="translate(${n(x)} ${n(y)}) rotate(${n(rot)})" opacity="${r(0.45, 0.9).toFixed(2)}"><path d="M0 ${n(-s)} Q${n(s * 0.6)} 0 0 ${n(s)} Q${n(-s * 0.6)} 0 0 ${n(-s)} Z" fill="${fill}"/><path d="M0 ${n(-s)} L0 ${n(s)}" stroke="${p.shade}" stroke-width="1.5"/></g>`,
        );
      }
      break;
    }
    case 'birds': {
      out.push(`<circle cx="${n(W * r(0.25, 0.75))}" cy="${n(H * 0.3)}" r="${n(Math.min(W, H) * 0.2)}" fill="${p.accentSoft}" opacity="0.6"/>`);
      for (let i = 0; i < 18; i++) {
        const x = r(W * 0.1, W * 0.9);
        const y = r(H * 0.12, H * 0.5);
        const s = r(8, 22);
        out.push(
          `<path d="M${n(x - s)} ${n(y - s * 0.3)} Q${n(x - s * 0.4)} ${n(y - s * 0.45)} ${n(x)} ${n(y)} Q${n(x + s * 0.4)} ${n(y - s * 0.45)} ${n(x + s)} ${n(y - s * 0.3)}" stroke="${p.ink}" stroke-width="${n(r(1.8, 3.2))}" fill="none" stroke-linecap="round"/>`,
        );
      }
      out.push(hills(W, H, 0.74, p.accent, rand, 0.45));
      break;
    }
    case 'grid': {
      const step = Math.min(W, H) / 9;
      for (let x = step / 2; x < W; x += step) out.push(`<line x1="${n(x)}" y1="0" x2="${n(x)}" y2="${H}" stroke="${p.ink}" stroke-opacity="0.12"/>`);
      for (let y = step / 2; y < H; y += step) out.push(`<line x1="0" y1="${n(y)}" x2="${W}" y2="${n(y)}" stroke="${p.ink}" stroke-opacity="0.12"/>`);
      // Contour lines around a made-up island.
      const cx = W * r(0.35, 0.65);
      const cy = H * 0.33;
      for (let i = 5; i >= 1; i--) {
        const rad = Math.min(W, H) * 0.06 * i;
        let d = '';
        for (let k = 0; k <= 36; k++) {
          const a = (k / 36) * Math.PI * 2;
          const wobble = 1 + 0.12 * Math.sin(a * 3 + i) + 0.06 * Math.sin(a * 5);
          d += `${k ? 'L' : 'M'}${n(cx + rad * wobble * Math.cos(a))} ${n(cy + rad * wobble * Math.sin(a))} `;
        }
        out.push(`<path d="${d}Z" fill="${i === 1 ? p.accent : 'none'}" stroke="${p.accent}" stroke-width="2" opacity="${(1.1 - i * 0.15).toFixed(2)}"/>`);
      }
      let route = `M${n(W * 0.05)} ${n(H * 0.6)}`;
      for (let k = 1; k <= 5; k++) route += ` L${n(W * (0.05 + k * 0.18))} ${n(H * r(0.45, 0.62))}`;
      out.push(`<path d="${route}" stroke="${p.accent}" stroke-width="2.5" stroke-dasharray="8 7" fill="none" opacity="0.8"/>`);
      break;
    }
  }
  return out.join('\n');
}

function hills(W: number, H: number, at: number, fill: string, rand: () => number, opacity: number): string {
  let d = `M0 ${H} L0 ${(H * at).toFixed(1)}`;
  const parts = 6;
  for (let k = 1; k <= parts; k++) {
    const x = (W * k) / parts;
    const y = H * (at + (rand() - 0.5) * 0.06);
    d += ` Q${(x - W / parts / 2).toFixed(1)} ${(y - H * 0.04).toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  return `<path d="${d} L${W} ${H} Z" fill="${fill}" opacity="${opacity}"/>`;
}

function defs(p: Palette, W: number, H: number): string {
  return `<defs>
  <linearGradient id="bg" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${p.top}"/><stop offset="1" stop-color="${p.bottom}"/></linearGradient>
  <radialGradient id="glow"><stop offset="0" stop-color="${p.accent}" stop-opacity="0.55"/><stop offset="1" stop-color="${p.accent}" stop-opacity="0"/></radialGradient>
  <linearGradient id="fade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.bottom}" stop-opacity="0"/><stop offset="1" stop-color="${p.bottom}" stop-opacity="0.92"/></linearGradient>
  <radialGradient id="vignette" cx="0.5" cy="0.45" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></radialGradient>
</defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>`;
}

export interface PosterText {
  title: string;
  year: number | string;
  tagline?: string;
  /** Small print at the bottom, e.g. "A FILM BY …" or the cast. */
  credits?: string;
  /** A band above the title, e.g. "SEASON 2". */
  label?: string;
}

function textLines(lines: string[], x: number, y: number, size: number, fill: string, anchor: 'middle' | 'start'): string {
  return lines
    .map(
      (line, i) =>
        `<text x="${x}" y="${(y + i * size * 1.08).toFixed(1)}" font-family="${FONT}" font-weight="bold" font-size="${size}" fill="${fill}" text-anchor="${anchor}">${escapeXmlAttr(line)}</text>`,
    )
    .join('\n');
}

export function posterSvg(art: ArtSpec, text: PosterText, seed: string): string {
  const { width: W, height: H } = POSTER;
  const p = palette(art);
  const rand = rng(seed);
  const { lines, size } = fitTitle(text.title, W - 80, 78, 3);
  const titleTop = H - 210 - (lines.length - 1) * size * 1.08;
  const parts = [
    defs(p, W, H),
    motifShapes(art.motif, W, H, p, rand),
    `<rect y="${H * 0.5}" width="${W}" height="${H * 0.5}" fill="url(#fade)"/>`,
    `<rect width="${W}" height="${H}" fill="url(#vignette)"/>`,
  ];
  if (text.tagline) {
    const tag = fitTitle(text.tagline.toUpperCase(), W - 80, 17, 2, 0.95, 11);
    parts.push(
      tag.lines
        .map(
          (l, i) =>
            `<text x="${W / 2}" y="${52 + i * 22}" font-family="${FONT}" font-size="${tag.size}" letter-spacing="2" fill="${p.inkSoft}" text-anchor="middle">${escapeXmlAttr(l)}</text>`,
        )
        .join('\n'),
    );
  }
  if (text.label) {
    parts.push(
      `<rect x="${W / 2 - 110}" y="${titleTop - size - 58}" width="220" height="40" rx="20" fill="${p.accent}"/>`,
      `<text x="${W / 2}" y="${titleTop - size - 31}" font-family="${FONT}" font-weight="bold" font-size="20" letter-spacing="3" fill="${p.bottom}" text-anchor="middle">${escapeXmlAttr(text.label.toUpperCase())}</text>`,
    );
  }
  parts.push(textLines(lines, W / 2, titleTop, size, p.ink, 'middle'));
  parts.push(
    `<text x="${W / 2}" y="${H - 130}" font-family="${FONT}" font-size="30" letter-spacing="8" fill="${p.accent}" text-anchor="middle">${escapeXmlAttr(String(text.year))}</text>`,
  );
  if (text.credits) {
    const c = fitTitle(text.credits.toUpperCase(), W - 70, 13, 3, 0.85, 9);
    parts.push(
      c.lines
        .map(
          (l, i) =>
            `<text x="${W / 2}" y="${H - 78 + i * 17}" font-family="${FONT}" font-size="${c.size}" letter-spacing="1.5" fill="${p.inkSoft}" text-anchor="middle">${escapeXmlAttr(l)}</text>`,
        )
        .join('\n'),
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">\n${parts.join('\n')}\n</svg>`;
}

/** Fanart carries no text, as real fanart does: the pages lay their own title over it. */
export function backdropSvg(art: ArtSpec, seed: string): string {
  const { width: W, height: H } = BACKDROP;
  const p = palette(art);
  const rand = rng(`${seed}:backdrop`);
  const parts = [
    defs(p, W, H),
    motifShapes(art.motif, W, H, p, rand),
    `<rect y="${H * 0.45}" width="${W}" height="${H * 0.55}" fill="url(#fade)"/>`,
    `<rect width="${W}" height="${H}" fill="url(#vignette)"/>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">\n${parts.join('\n')}\n</svg>`;
}

/** A studio-portrait stand-in: a lit silhouette on a coloured backdrop, its colours and cut derived from the name. */
export function actorPhotoSvg(name: string): string {
  const { width: W, height: H } = ACTOR_PHOTO;
  const rand = rng(`actor:${name}`);
  const hue = hashHue(name);
  const skin = hsl(20 + rand() * 20, 25 + rand() * 25, 35 + rand() * 40);
  const hair = hsl(20 + rand() * 25, 20 + rand() * 40, 8 + rand() * 45);
  const coat = hsl(hue + 180, 25 + rand() * 30, 18 + rand() * 25);
  const longHair = rand() < 0.5;
  const headY = 170 + rand() * 20;
  const headR = 62 + rand() * 10;
  const shoulders = headY + headR * 1.3;
  const parts = [
    `<defs><radialGradient id="bg" cx="0.35" cy="0.3" r="0.9"><stop offset="0" stop-color="${hsl(hue, 35, 62)}"/><stop offset="1" stop-color="${hsl(hue + 20, 40, 22)}"/></radialGradient>`,
    `<radialGradient id="light" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="#fff" stop-opacity="0.28"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>`,
    `<rect width="${W}" height="${H}" fill="url(#bg)"/>`,
    longHair
      ? `<path d="M${W / 2 - headR * 1.15} ${headY} Q${W / 2 - headR * 1.3} ${headY + headR * 2.4} ${W / 2 - headR * 0.4} ${headY + headR * 2.2} L${W / 2 + headR * 0.4} ${headY + headR * 2.2} Q${W / 2 + headR * 1.3} ${headY + headR * 2.4} ${W / 2 + headR * 1.15} ${headY} Z" fill="${hair}"/>`
      : '',
    `<path d="M0 ${H} L0 ${shoulders + 80} Q0 ${shoulders + 4} ${W / 2 - headR * 0.95} ${shoulders} L${W / 2 + headR * 0.95} ${shoulders} Q${W} ${shoulders + 4} ${W} ${shoulders + 80} L${W} ${H} Z" fill="${coat}"/>`,
    `<path d="M${W / 2 - headR * 0.3} ${headY + headR * 0.6} L${W / 2 - headR * 0.34} ${shoulders + 6} Q${W / 2} ${shoulders + headR * 0.5} ${W / 2 + headR * 0.34} ${shoulders + 6} L${W / 2 + headR * 0.3} ${headY + headR * 0.6} Z" fill="${skin}"/>`,
    `<ellipse cx="${W / 2}" cy="${headY}" rx="${headR * 0.86}" ry="${headR}" fill="${skin}"/>`,
    `<path d="M${W / 2 - headR * 0.92} ${headY - headR * 0.1} Q${W / 2 - headR * 0.8} ${headY - headR * 1.25} ${W / 2} ${headY - headR * 1.12} Q${W / 2 + headR * 0.9} ${headY - headR * 1.2} ${W / 2 + headR * 0.92} ${headY - headR * 0.1} Q${W / 2} ${headY - headR * 0.75} ${W / 2 - headR * 0.92} ${headY - headR * 0.1} Z" fill="${hair}"/>`,
    `<rect width="${W}" height="${H}" fill="url(#light)"/>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">\n${parts.join('\n')}\n</svg>`;
}

export async function svgToJpeg(svg: string, quality = 84): Promise<Buffer> {
  return sharp(Buffer.from(svg, 'utf8')).flatten({ background: '#000000' }).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
}
