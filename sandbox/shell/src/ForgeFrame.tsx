import { useEffect, useRef, useState } from 'react';
import { registerFrame } from './bridge-host';

/** A Custom UI module in an iframe, sized to its content as Jira sizes auto-resizing modules. */
export const ForgeFrame = ({
  resource,
  moduleKey,
  extension,
  title,
  minHeight = 40,
  onSubmit,
  onRefresh,
}: {
  resource: string;
  moduleKey: string;
  extension: Record<string, unknown>;
  title: string;
  minHeight?: number;
  onSubmit?: (payload: unknown) => void;
  /** What `view.refresh` does in this frame: the issue view fetches its data again. */
  onRefresh?: () => Promise<void>;
}) => {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(minHeight);
  const extensionJson = JSON.stringify(extension);

  useEffect(() => {
    const element = frame.current;
    if (!element) return undefined;
    const unregister = registerFrame(element, {
      moduleKey,
      extension: JSON.parse(extensionJson) as Record<string, unknown>,
      ...(onSubmit ? { onSubmit } : {}),
      ...(onRefresh ? { onRefresh } : {}),
    });
    let observer: ResizeObserver | null = null;
    const onLoad = () => {
      const body = element.contentDocument?.body;
      if (!body) return;
      observer = new ResizeObserver(() => setHeight(Math.max(minHeight, Math.ceil(body.scrollHeight) + 8)));
      observer.observe(body);
    };
    element.addEventListener('load', onLoad);
    // Loaded only once registered, so the app's first bridge call finds its context.
    element.src = `/resources/${resource}/index.html`;
    return () => {
      element.removeEventListener('load', onLoad);
      observer?.disconnect();
      unregister();
    };
  }, [resource, moduleKey, extensionJson, minHeight, onSubmit, onRefresh]);

  return <iframe ref={frame} className="shell-frame" title={title} style={{ height }} data-module={moduleKey} />;
};
