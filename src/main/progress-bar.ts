// A one-line progress bar for scans on a terminal.
import type { ScanProgress } from '../shared/api';

export class ProgressBar {
  private last = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: ScanProgress): void {
    const now = Date.now();
    if (now - this.last < 100 && p.phase !== 'done') return;
    this.last = now;
    const width = 30;
    const total = p.phase === 'probing' ? p.toProbe : p.found;
    const done = p.phase === 'probing' ? p.probed : p.identified;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const eta = p.etaSeconds !== null && p.phase === 'probing' ? ` ETA ${p.etaSeconds}s` : '';
    const label = p.phase === 'probing' ? `probing ${p.probed}/${p.toProbe}` : `found ${p.found} identified ${p.identified}`;
    this.stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${label} failed ${p.failed}${eta}   `);
  }

  done(): void {
    this.stream.write('\n');
  }
}
