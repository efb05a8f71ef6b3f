/**
 * One clock for a screen of countdowns: a provider ticks, every countdown and row colour under it
 * reads the same "now", so a page of 25 rows re-renders once per tick, not 25 times apart.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

const NowContext = createContext<number | undefined>(undefined);

const useTicker = (intervalMs: number, enabled: boolean) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return undefined;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, enabled]);
  return now;
};

export const NowProvider = ({
  intervalMs = 15_000,
  children,
}: {
  intervalMs?: number;
  children: ReactNode;
}) => {
  const now = useTicker(intervalMs, true);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
};

/** The provider's time, or a clock of its own outside one. */
export const useNow = (intervalMs = 15_000) => {
  const shared = useContext(NowContext);
  const own = useTicker(intervalMs, shared === undefined);
  return shared ?? own;
};
