/**
 * Who writes: a person (by API token or newsroom sign-in) or one of Dateline's own processes. The
 * rules of who may do what are written once here and checked by the services, whatever the caller.
 */
import { DomainError } from './errors.ts';
import type { Role } from './types.ts';

/** Whoever asks for a write: their role and the desks an admin limited them to. */
export interface Actor {
  /** "token:ID", "user:ID", "cli" or "scheduler": stable, for "own work" checks and the audit log. */
  key: string;
  /** Shown as the author of what they write and in the audit log. */
  name: string;
  role: Role;
  /** Desk ids an admin limited them to; null means every desk. */
  desks: string[] | null;
}

/** The `dateline` command run by whoever operates the server: may do anything, audited as "cli". */
export const COMMAND_LINE: Actor = { key: 'cli', name: 'command line', role: 'admin', desks: null };

const RANK: Record<Role, number> = { contributor: 1, editor: 2, admin: 3 };

/** Whether `role` includes everything `needed` may do. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/**
 * The actor if it is someone with at least `role`: 401 for nobody (anonymous), 403 for too weak a role.
 * Narrows `Actor | null` so a service cannot forget the anonymous case.
 */
export function requireActorRole<A extends Actor>(actor: A | null, role: Role): A {
  if (actor === null)
    throw new DomainError(
      'unauthorized',
      'this request needs an API token (Authorization: Bearer …) or a newsroom sign-in',
    );
  if (!hasRole(actor.role, role)) throw new DomainError('forbidden', `this request needs the ${role} role`);
  return actor;
}

/** Whether the actor may work on the desk `deskId` (null: a standalone story, open to all). */
export function mayUseDesk(actor: Actor, deskId: string | null): boolean {
  return actor.desks === null || actor.role === 'admin' || deskId === null || actor.desks.includes(deskId);
}

/** 403 unless the actor may work on the desk `deskId` (null: a standalone story, open to all). */
export function requireDesk(actor: Actor, deskId: string | null): void {
  if (!mayUseDesk(actor, deskId))
    throw new DomainError('forbidden', 'you are not assigned to this desk', { field: 'desk' });
}
