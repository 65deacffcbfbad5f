import { useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';

/** Replaces the current address with `to` (no history entry), e.g. when the gate closes a screen. */
export function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => {
    route(to, true);
  }, [to, route]);
  return null;
}
