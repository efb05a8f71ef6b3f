/**
 * The channels an admin manages (DESIGN.md "Storefront channel API"): a storefront or gateway
 * that signs its requests with its key's secret. The secret leaves the server only once: in
 * the answer that creates the channel or rotates its secret.
 */
import { z } from 'zod';
import { ChannelKey } from './channel.js';
import { listQuery, shortText, Timestamp, Version } from './common.js';

export const Channel = z
  .object({
    id: z.number().int(),
    key: ChannelKey,
    name: z.string(),
    enabled: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Version,
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

/** Only in the answer to create and rotate-secret: copy it now, it is not shown again. */
export const ChannelWithSecret = Channel.extend({ secret: z.string() }).meta({ id: 'ChannelWithSecret' });
export type ChannelWithSecret = z.infer<typeof ChannelWithSecret>;

export const ChannelCreate = z
  .strictObject({ key: ChannelKey, name: shortText(50), enabled: z.boolean().default(true) })
  .meta({ id: 'ChannelCreate' });
export type ChannelCreate = z.infer<typeof ChannelCreate>;

/** The key is what storefronts send: it does not change; a new secret is its own verb. */
export const ChannelUpdate = z
  .strictObject({ name: shortText(50).optional(), enabled: z.boolean().optional() })
  .meta({ id: 'ChannelUpdate' });
export type ChannelUpdate = z.infer<typeof ChannelUpdate>;

export const ChannelFilter = z
  .strictObject({ q: z.string().trim().max(100).optional(), enabled: z.boolean().optional() })
  .meta({ id: 'ChannelFilter' });
export type ChannelFilter = z.infer<typeof ChannelFilter>;

export const channelSortFields = ['id', 'key', 'name', 'enabled', 'createdAt'] as const;
export const ChannelListQuery = listQuery(channelSortFields);
