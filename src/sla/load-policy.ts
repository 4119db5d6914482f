import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { readOfficialCalendar } from './official-calendar.js';
import { Policy } from './policy-schema.js';

/** The shipped policy, found relative to this file so the working directory does not matter. */
export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('../../config/policy.yaml', import.meta.url));
/** The shipped official calendars, one file per region (TW.yaml, HK.yaml, CN.yaml). */
export const CALENDARS_DIR = fileURLToPath(new URL('../../config/calendars/', import.meta.url));

/** The policy file is missing, unreadable, not YAML, or breaks the schema. The message names the file and each field in error. */
export class PolicyError extends AppError {
  readonly code = 'policy.invalid';
  /** One `path: message` line per problem, e.g. `calendar.workingHours.start: expected HH:MM`. */
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'), options);
    this.problems = problems;
  }
}

/**
 * Reads and validates the policy file; throws `PolicyError` on any problem (fail fast at start-up).
 * `path` is resolved against the working directory; without it, the repository's `config/policy.yaml`.
 */
export function loadPolicy(path?: string): Policy {
  const file = path === undefined ? DEFAULT_POLICY_FILE : resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    throw new PolicyError(basename(file), [`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`], { cause: error });
  }
  return parsePolicy(text, basename(file), dirname(file));
}

/**
 * Validates policy YAML text; `source` names it in error messages. The official calendar of the policy's region
 * is read too: `calendar.officialCalendarFile` (relative to `baseDir`) or the shipped config/calendars/<region>.yaml;
 * a region without a shipped file has none (date-holidays alone).
 */
export function parsePolicy(text: string, source = 'policy.yaml', baseDir = process.cwd()): Policy {
  let raw: unknown;
  try {
    raw = load(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PolicyError(source, [`invalid YAML: ${reason}`], { cause: error });
  }
  const parsed = Policy.safeParse(raw);
  if (!parsed.success) throw new PolicyError(source, parsed.error.issues.flatMap(describeIssue), { cause: parsed.error });
  return withOfficialCalendar(parsed.data, source, baseDir);
}

function withOfficialCalendar(policy: Policy, source: string, baseDir: string): Policy {
  const { calendar } = policy;
  const region = calendar.region ?? calendar.holidays.country;
  const explicit = calendar.officialCalendarFile;
  const file = explicit === undefined ? join(CALENDARS_DIR, `${region}.yaml`) : isAbsolute(explicit) ? explicit : resolve(baseDir, explicit);
  if (explicit === undefined && !existsSync(file)) return policy;
  let official;
  try {
    official = readOfficialCalendar(file);
  } catch (error: unknown) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new PolicyError(source, reason.split('\n').map((line) => `calendar.officialCalendarFile (${file}): ${line}`), { cause: error });
  }
  if (official.region !== region) {
    throw new PolicyError(source, [`calendar.officialCalendarFile: ${file} is the calendar of ${official.region}, not of region ${region}`]);
  }
  return { ...policy, calendar: { ...calendar, region, official, officialFile: realpathSync(file) } };
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...path, key])}: unknown setting`);
  }
  const where = path.length === 0 ? '(file)' : formatPath(path);
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message;
  return [`${where}: ${message}`];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}
