/**
 * Which passwords are refused. Everything that judges a password's strength lives in this one file, so
 * that replacing the rules below with a maintained estimator (zxcvbn-ts, with its common-password and
 * dictionary lists: `zxcvbn(password, userInputs).score < 3`) is a change here only.
 *
 * Until that dependency is added, the rules are ours and deliberately short (NIST SP 800-63B §5.1.1.2:
 * a length floor, no composition rules, and a check against passwords known to be common, repetitive or
 * sequential):
 * - at least 12 and at most 1000 characters, not counting leading and trailing spaces;
 * - at least 5 different characters ("aaaaaaaaaaaa", "abababababab" and 12 spaces are refused);
 * - not a run up or down the alphabet, the digits or a keyboard row ("123456789012", "qwertyuiopas");
 * - more than a few dozen of the most common passwords, or the account's own email or name, padded
 *   with a short, repeated or sequential tail ("Password2024!", "qwerty123456", "alice@desk.org1").
 */
import { invalid } from '../domain/errors.ts';

/** Shortest password accepted: long enough to resist guessing, short enough for a passphrase. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (argon2 would take anything; this bounds the work of one request). */
export const MAX_PASSWORD_LENGTH = 1000;
const MIN_DISTINCT = 5;

// Lower-cased stems of the most used passwords in public breach corpora (SecLists' top lists, the
// NCSC's "100,000 most common"), each of which people pad to 12 characters with digits or repeats.
const COMMON_STEMS = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'qwerty',
  'azerty',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'trustno1',
  'changeme',
  'secret',
  'master',
  'shadow',
  'superman',
  'batman',
  'starwars',
  'whatever',
  'freedom',
  'computer',
  'internet',
  'dateline',
  'newsroom',
  'abc123',
  'login',
];

const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  // Keyboard rows one after another, as people type them on to the next row.
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv',
  'qazwsxedcrfvtgb',
];

/** Who the password is for: a password made of their own email or name is refused too. */
export interface PasswordContext {
  email?: string;
  name?: string;
}

/**
 * Throws a `validation` error naming `field` if `password` is too short, too long, blank, repetitive,
 * sequential or common; returns nothing when it is acceptable.
 */
export function checkPassword(password: string, field = 'password', context: PasswordContext = {}): void {
  const trimmed = password.trim();
  if (trimmed === '') throw invalid(field, `${field} must not be blank`);
  // Spaces at the ends do not count: "  secret  " is no stronger than "secret".
  if (trimmed.length < MIN_PASSWORD_LENGTH)
    throw invalid(field, `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw invalid(field, `${field} must be at most ${MAX_PASSWORD_LENGTH} characters`);
  const lower = trimmed.toLowerCase();
  if (new Set(lower).size < MIN_DISTINCT)
    throw invalid(field, `${field} repeats too few characters; use a few unrelated words`);
  if (isSequence(lower))
    throw invalid(field, `${field} is a run of consecutive keys or letters; use a few unrelated words`);
  const rest = stripCommon(lower, context);
  if (rest.length < 6 || new Set(rest).size < 4 || isSequence(rest))
    throw invalid(
      field,
      `${field} is one of the most common passwords, or your name or email; choose another`,
    );
}

/** Whether `text` is a run up or down one of SEQUENCES (wrapping), allowing it to repeat. */
function isSequence(text: string): boolean {
  const chars = [...text];
  return SEQUENCES.some((sequence) =>
    [sequence, [...sequence].reverse().join('')].some((s) =>
      chars.every((c, i) => i === 0 || s[(s.indexOf(chars[i - 1]!) + 1) % s.length] === c),
    ),
  );
}

/**
 * What is left of `lower` once common stems and the parts of the user's email and name are taken out:
 * "Password2024!" leaves "2024!", "correct horse battery" all of itself.
 */
function stripCommon(lower: string, context: PasswordContext): string {
  const personal = [
    context.email ?? '',
    ...(context.email ?? '').split(/[@.+_-]/),
    ...(context.name ?? '').split(/\s+/),
  ]
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length >= 3);
  let rest = lower;
  for (const stem of [...COMMON_STEMS, ...personal].sort((a, b) => b.length - a.length))
    rest = rest.replaceAll(stem, '');
  return rest.trim();
}
