/**
 * Moving focus on when a control takes itself away. A button that disappears once pressed ("I have read this",
 * Start) leaves focus on the page's body, so a keyboard or screen-reader user would start again from the top;
 * a control that appears below the fold may sit under the fixed bottom navigation. `focusNext(selector)` focuses,
 * once the press has been rendered, the first element inside `root` that matches, scrolled into view (the page's
 * `scroll-padding` keeps it clear of the header and the navigation).
 */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function useFocusNext(root: RefObject<HTMLElement | null>): (selector: string) => void {
  // State, not a ref: the request is rendered together with the press's other updates, so the effect runs after
  // that render and not after one already under way (the timer ticks several times a second), whose page still
  // shows the control that was pressed. An object, so the same selector twice asks twice.
  const [request, setRequest] = useState<{ selector: string } | null>(null);
  useEffect(() => {
    if (request === null) return;
    const target = root.current?.querySelector<HTMLElement>(request.selector);
    if (!target) return;
    target.scrollIntoView({ block: 'nearest' });
    target.focus({ preventScroll: true });
  }, [request, root]);
  return (selector) => {
    setRequest({ selector });
  };
}
