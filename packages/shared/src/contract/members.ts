/**
 * Members: the customers the storefront channels bring, created on their first order. The
 * phone is stored whole and masked in every list and record; revealing it needs
 * `members:reveal` and is audited.
 */
import { z } from 'zod';
import { listQuery, Timestamp, Version } from './common.js';

export const Member = z
  .object({
    id: z.number().int(),
    channelId: z.number().int(),
    openid: z.string(),
    nickname: z.string().nullable(),
    /** Masked: 138****1234. */
    phone: z.string().nullable(),
    registeredAt: Timestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const MemberFilter = z
  .strictObject({
    /** A nickname fragment, the phone's last 4 digits, or an openid. */
    q: z.string().trim().max(100).optional(),
    channelId: z.number().int().positive().optional(),
    registeredAt_gte: Timestamp.optional(),
    registeredAt_lte: Timestamp.optional(),
  })
  .meta({ id: 'MemberFilter' });
export type MemberFilter = z.infer<typeof MemberFilter>;

export const memberSortFields = ['id', 'nickname', 'registeredAt', 'createdAt'] as const;
export const MemberListQuery = listQuery(memberSortFields);

export const MemberPhoneRevealed = z
  .object({ data: z.object({ id: z.number().int(), phone: z.string().nullable() }) })
  .meta({ id: 'MemberPhoneRevealed' });
export type MemberPhoneRevealed = z.infer<typeof MemberPhoneRevealed>;
