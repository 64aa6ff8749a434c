// Infrastructure: the one reader of CDK context. cdk.json gives JSON values (`false`, `5`, `["a", "b"]`) and
// `-c key=value` gives strings (`"false"`, `"5"`, `"a,b"`): each setting is read through its type, which takes both
// spellings alike and refuses anything else, naming the key — never a silent default for a value it cannot read.

export class ContextSettingError extends Error {
  constructor(key: string, problem: string) {
    super(`CDK context "${key}" ${problem}`);
    this.name = 'ContextSettingError';
  }
}

/** What the settings are read from: a construct node (`app.node`). */
export interface ContextSource {
  tryGetContext(key: string): unknown;
  getAllContext(): Record<string, unknown>;
}

const WHOLE_NUMBER = /^[+-]?\d+$/u;

export class ContextSettings {
  private readonly keysRead = new Set<string>();

  constructor(private readonly source: ContextSource) {}

  /** A text setting; undefined when it is absent or empty (`-c key=` clears what cdk.json sets). */
  optionalText(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new ContextSettingError(key, `must be text, not ${describe(value)}`);
    return value;
  }

  text(key: string): string {
    const value = this.optionalText(key);
    if (value === undefined) throw new ContextSettingError(key, 'is missing');
    return value;
  }

  /** `true` or `false`, as JSON or as the words; anything else (`yes`, `1`, `False`) is refused. */
  boolean(key: string, fallback: boolean): boolean {
    const value = this.value(key);
    if (value === undefined) return fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new ContextSettingError(key, `must be true or false, not ${describe(value)}`);
  }

  /** A whole number within [min, max], as JSON or as digits. */
  integer(key: string, range: { min: number; max: number; fallback: number }): number {
    const value = this.value(key);
    if (value === undefined) return range.fallback;
    const number =
      typeof value === 'number' ? value : typeof value === 'string' && WHOLE_NUMBER.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number) || number < range.min || number > range.max)
      throw new ContextSettingError(
        key,
        `must be a whole number from ${range.min} to ${range.max}, not ${describe(value)}`,
      );
    return number;
  }

  /** Texts: a JSON array of strings, or one string of comma-separated items. Empty when absent. */
  list(key: string): string[] {
    const value = this.value(key);
    if (value === undefined || value === '') return [];
    const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
    if (!Array.isArray(items) || !items.every((item) => typeof item === 'string' && item.length > 0))
      throw new ContextSettingError(
        key,
        `must be a list of texts (["a", "b"] in cdk.json, a,b with -c), not ${describe(value)}`,
      );
    return items as string[];
  }

  /**
   * Refuses every setting under the prefix that no read asked for: a misspelt key (`mujaz:verifyEmailDomian`) would
   * otherwise be ignored, and the deploy would run on the default the operator meant to change.
   */
  refuseUnread(prefix: string): void {
    const unread = Object.keys(this.source.getAllContext()).filter(
      (key) => key.startsWith(prefix) && !this.keysRead.has(key),
    );
    if (unread.length > 0)
      throw new ContextSettingError(
        unread.join('", "'),
        `${unread.length === 1 ? 'is not a setting' : 'are not settings'} (docs/DEPLOY.md lists them)`,
      );
  }

  private value(key: string): unknown {
    this.keysRead.add(key);
    const value: unknown = this.source.tryGetContext(key);
    return value === null ? undefined : value;
  }
}

/** A value as the message shows it: JSON, so that `"5"` (text) and `5` (a number) read differently. */
function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
