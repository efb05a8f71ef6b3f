/**
 * The 售后 menu entry with the count of cases waiting for customer service beside it (and, in
 * red, how many of them are overdue), asked every 30 s, for roles that may read after-sales.
 * The numbers are drawn by CSS from data attributes, so the entry's own text stays "售后" for
 * everything that finds the menu by its words.
 */
import type { AfterSalesCounts } from '@siyu/shared';
import { useQuery } from '@tanstack/react-query';
import { Menu, useCanAccess, useTranslate } from 'react-admin';
import { apiFetch } from '../providers/http';

/** The same key as the queue's counts, so an action on a case refreshes the badge too. */
const countsKey = ['refunds', 'counts'] as const;

const fetchCounts = async (signal: AbortSignal) => {
  const { json } = await apiFetch<AfterSalesCounts>('/refunds/counts', { signal });
  return json.data;
};

const pill = (color: 'primary' | 'error') => ({
  order: 3,
  ml: 0.75,
  px: 0.75,
  minWidth: 20,
  height: 20,
  lineHeight: '20px',
  borderRadius: 10,
  fontSize: 12,
  textAlign: 'center',
  color: `${color}.contrastText`,
  bgcolor: `${color}.main`,
});

const badgeSx = {
  '&[data-awaiting]::after': { content: 'attr(data-awaiting)', ...pill('primary') },
  // ::before is a flex item too: `order` puts it after the awaiting count.
  '&[data-overdue]::before': { content: 'attr(data-overdue)', ...pill('error'), order: 4, ml: 0.5 },
};

export const RefundsMenuItem = () => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'refunds', action: 'list' });
  const { data } = useQuery({
    queryKey: countsKey,
    queryFn: ({ signal }) => fetchCounts(signal),
    refetchInterval: 30_000,
    enabled: canAccess === true,
  });
  const awaiting = data?.awaitingAction ?? 0;
  const overdue = data?.overdue ?? 0;
  const summary = [
    awaiting > 0 ? translate('resources.refunds.menu.awaiting', { smart_count: awaiting }) : null,
    overdue > 0 ? translate('resources.refunds.menu.overdue', { smart_count: overdue }) : null,
  ].filter(Boolean);
  return (
    <Menu.ResourceItem
      name="refunds"
      sx={badgeSx}
      data-testid="refunds-menu-item"
      {...(awaiting > 0 ? { 'data-awaiting': awaiting } : {})}
      {...(overdue > 0 ? { 'data-overdue': overdue } : {})}
      {...(summary.length > 0 ? { title: summary.join(' · ') } : {})}
    />
  );
};
