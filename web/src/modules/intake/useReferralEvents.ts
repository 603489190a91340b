import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';

export interface ReferralEvent { referralId: string; status: string }

/**
 * Live referral status: listens to the server's event stream (referrals your organizations
 * sent or received) and refreshes the given query when one changes, so each side sees a
 * status change without reloading. With `referralId`, only that referral's changes count.
 * Returns the last change seen. Pages keep a slow refetch as a fallback. With `enabled` false
 * (someone who works for no organization, whom the stream would refuse) nothing is opened.
 */
export function useReferralEvents(queryKey: readonly unknown[], referralId?: string, enabled = true): ReferralEvent | undefined {
  const qc = useQueryClient();
  const [last, setLast] = useState<ReferralEvent>();
  const key = JSON.stringify(queryKey);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return undefined;
    // Same origin: the session cookie goes with it. A 401/403 ends the stream without retrying.
    const source = new EventSource('/api/v1/intake/referrals/events');
    source.onmessage = (m) => {
      let e: ReferralEvent;
      try {
        e = JSON.parse(m.data as string) as ReferralEvent;
      } catch {
        return;
      }
      if (referralId && e.referralId !== referralId) return;
      setLast(e);
      void qc.invalidateQueries({ queryKey: JSON.parse(key) as unknown[] });
    };
    return () => source.close();
  }, [qc, key, referralId, enabled]);
  return last;
}
