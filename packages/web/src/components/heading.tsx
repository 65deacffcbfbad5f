/**
 * Screen headings. On every screen change focus moves to the new heading, so keyboard and screen-reader users
 * start reading at the top of the new screen; on the first load it stays where the browser put it.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../strings.ts';

let navigated = false;
let lastUrl: string | undefined;

/** Called by the app on each render with the current URL: any change after the first counts as navigation. */
export function noteUrl(url: string): void {
  if (lastUrl !== undefined && lastUrl !== url) navigated = true;
  lastUrl = url;
}

export function Heading(props: {
  children: ComponentChildren;
  /** The document title; defaults to the heading's text when it is a string. */
  title?: string;
  /** Focus again when this changes (a new question in the same screen). */
  focusKey?: string | number;
  id?: string;
  class?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const title = props.title ?? (typeof props.children === 'string' ? props.children : undefined);
  // A layout effect: focus lands as the new screen is committed, before the next key press can go elsewhere.
  useLayoutEffect(() => {
    if (title !== undefined) document.title = `${title}${t.app.titleSuffix}`;
    if (navigated) ref.current?.focus();
  }, [props.focusKey, title]);
  return (
    <h1 ref={ref} tabIndex={-1} id={props.id} class={props.class}>
      {props.children}
    </h1>
  );
}
