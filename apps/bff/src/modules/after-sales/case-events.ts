/**
 * The case timeline: one row per step, written in the transaction of the step, with who made
 * it, the status after it and a small detail (amount, reason, conditions).
 */
import type { AfterSalesStatus, CaseEvent, CaseEventKind } from '@siyu/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../../lib/audit.js';

export type CaseActor = {
  kind: 'staff' | 'customer' | 'gateway' | 'system';
  id: number | null;
  name: string | null;
};

export type CaseEventInput = {
  caseId: number;
  kind: CaseEventKind;
  status: AfterSalesStatus | null;
  detail?: Record<string, unknown>;
  at: Date;
  actor: CaseActor;
};

/** Answers the event as the timeline shows it. */
export async function recordCaseEvent(trx: Kysely<Database>, e: CaseEventInput): Promise<CaseEvent> {
  const row = await trx
    .insertInto('afterSalesEvents')
    .values({
      caseId: e.caseId,
      at: e.at,
      kind: e.kind,
      actorKind: e.actor.kind,
      actorId: e.actor.id,
      actorName: e.actor.name,
      status: e.status,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    at: row.at.toISOString(),
    kind: row.kind,
    actorKind: row.actorKind,
    actorName: row.actorName,
    status: row.status,
    detail: row.detail,
  };
}

/** The signed-in staff member as the timeline names them: by the name colleagues know them by. */
export async function staffCaseActor(trx: Kysely<Database>, ctx: AuditContext): Promise<CaseActor> {
  if (ctx.actor.id === null) return { kind: 'system', id: null, name: ctx.actor.name };
  const user = await trx
    .selectFrom('staffUsers')
    .select('displayName')
    .where('id', '=', ctx.actor.id)
    .executeTakeFirst();
  return { kind: 'staff', id: ctx.actor.id, name: user?.displayName ?? ctx.actor.name };
}

/** The buyer, for steps taken in the mini-program. */
export async function customerCaseActor(trx: Kysely<Database>, memberId: number): Promise<CaseActor> {
  const member = await trx
    .selectFrom('members')
    .select('nickname')
    .where('id', '=', memberId)
    .executeTakeFirst();
  return { kind: 'customer', id: memberId, name: member?.nickname ?? null };
}
