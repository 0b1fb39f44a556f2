// The renderer's safety net: a screen that throws while rendering gives way to a calm message with a
// way back to the register and a reload, not a blank window; "Back" runs the caller's reset and
// mounts the app afresh. (React's error boundaries need a client render; the real-browser check of
// the register is in the end-to-end tests. Here: the boundary's own behaviour and its message.)
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, SCREEN_FAILED_MESSAGE, ScreenFailed } from '../../renderer/components/ErrorBoundary';

describe('the renderer error boundary', () => {
  it('turns a render error into the failed state', () => {
    expect(ErrorBoundary.getDerivedStateFromError()).toEqual({ failed: true });
  });

  it('shows the calm message with Back to the register and Reload', () => {
    const html = renderToStaticMarkup(createElement(ScreenFailed, { onBack: () => undefined, onReload: () => undefined }));
    expect(html).toContain(SCREEN_FAILED_MESSAGE);
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/<button type="button"[^>]*>Back to the register<\/button>/);
    expect(html).toMatch(/<button type="button"[^>]*>Reload<\/button>/);
  });

  it('renders the app while nothing failed, and the message once something did', () => {
    const boundary = new ErrorBoundary({ onBack: () => undefined, children: createElement('p', null, 'the register') });
    expect(renderToStaticMarkup(boundary.render() as never)).toBe('<p>the register</p>');
    boundary.state = { failed: true, attempt: 0 };
    expect(renderToStaticMarkup(boundary.render() as never)).toContain(SCREEN_FAILED_MESSAGE);
  });

  it('goes back: runs the reset, then mounts the app afresh', () => {
    const onBack = vi.fn();
    const boundary = new ErrorBoundary({ onBack, children: null });
    const setState = vi.spyOn(boundary, 'setState').mockImplementation(() => undefined);
    boundary.state = { failed: true, attempt: 3 };
    boundary.back();
    expect(onBack).toHaveBeenCalledOnce();
    const update = setState.mock.calls[0]![0] as (state: { failed: boolean; attempt: number }) => object;
    expect(update(boundary.state)).toEqual({ failed: false, attempt: 4 });
  });

  it('logs what failed, without the page going blank', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    new ErrorBoundary({ onBack: () => undefined, children: null }).componentDidCatch(new Error('boom'), { componentStack: '\n    at Payment' });
    expect(error).toHaveBeenCalledWith('[counter] a screen failed:', 'boom', '\n    at Payment');
    error.mockRestore();
  });
});
