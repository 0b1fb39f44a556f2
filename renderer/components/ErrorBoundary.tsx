// The counter's safety net: a screen that throws while rendering is replaced by a calm message, not
// a blank window. Sales live in the core, not in this page, so nothing is lost: "Back to the register"
// mounts the app again; "Reload" loads the page again (browser mode keeps its token for the tab).
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

export const SCREEN_FAILED_MESSAGE = 'Something went wrong on this screen; your sales are safe.';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Before the app is mounted again: back to the register (a screen that threw is not shown again at once). */
  onBack: () => void;
  onReload?: () => void;
}

interface ErrorBoundaryState {
  failed: boolean;
  /** Bumped by "Back to the register": the app below mounts afresh. */
  attempt: number;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, attempt: 0 };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[counter] a screen failed:', error.message, info.componentStack ?? '');
  }

  back = (): void => {
    this.props.onBack();
    this.setState((state) => ({ failed: false, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    if (this.state.failed) return <ScreenFailed onBack={this.back} onReload={this.props.onReload ?? (() => window.location.reload())} />;
    return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
  }
}

export function ScreenFailed({ onBack, onReload }: { onBack: () => void; onReload: () => void }) {
  return (
    <main className="desk" role="alert" aria-labelledby="screen-failed-title">
      <h1 id="screen-failed-title" className="desk__title">{SCREEN_FAILED_MESSAGE}</h1>
      <p>Every payment is recorded by the counter itself, not by this screen. Go back to the register, or reload the screen.</p>
      <p>
        <button type="button" className="button button--primary" onClick={onBack}>Back to the register</button>{' '}
        <button type="button" className="button button--secondary" onClick={onReload}>Reload</button>
      </p>
    </main>
  );
}
