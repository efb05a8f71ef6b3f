/**
 * Shared queries of the workspace. Keys start with 'refunds' like react-admin's own, so one
 * invalidation after an action refreshes the case, the queue, its counts and the menu badge.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useCanAccess } from 'react-admin';
import { fetchCaseCounts, fetchCaseOptions } from './refundApi';

export const countsKey = ['refunds', 'counts'] as const;

/** The queue's counts (tabs, menu badge), every 30 s while someone looks. */
export const useCaseCounts = (enabled = true) =>
  useQuery({
    queryKey: countsKey,
    queryFn: ({ signal }) => fetchCaseCounts(signal),
    refetchInterval: 30_000,
    enabled,
  });

/** Reasons, reject templates, return address and limits: they change rarely. */
export const useCaseOptions = () => {
  const { canAccess } = useCanAccess({ resource: 'refunds', action: 'list' });
  return useQuery({
    queryKey: ['refunds', 'options'],
    queryFn: ({ signal }) => fetchCaseOptions(signal),
    staleTime: 5 * 60_000,
    enabled: canAccess === true,
  });
};

/** After a case moved: the case, the queue, the counts and the order it belongs to. */
export const useRefreshCases = () => {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['refunds'] }),
      queryClient.invalidateQueries({ queryKey: ['orders'] }),
    ]);
  }, [queryClient]);
};
