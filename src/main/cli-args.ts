// Command-line parsing for `media-centre`: strict flags, clear messages, exit code 2 on misuse.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  /** --library/--type pairs in the order given. */
  ordered: { name: string; value: string | undefined }[];
}

export function parseCommand(command: string, args: string[], options: Options, maxPositionals = Infinity): Parsed {
  try {
    const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: maxPositionals > 0, strict: true, tokens: true });
    if (positionals.length > maxPositionals) throw new UsageError(`too many arguments: ${positionals.slice(maxPositionals).join(' ')}`, command);
    const ordered = (tokens ?? []).filter((t) => t.kind === 'option').map((t) => ({ name: t.name, value: t.value }));
    return { values: values as Parsed['values'], positionals, ordered };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.replace(/\. To specify.*$/s, '.'), command);
  }
}

export function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`, null);
  return n;
}
