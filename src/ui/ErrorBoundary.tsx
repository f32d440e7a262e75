import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  readonly children: ReactNode;
}
interface State {
  readonly error: Error | null;
}

/** Keeps the page from going blank: a failing panel shows its error and a retry button. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Distill Lab panel failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div role="alert" className="panel-error">
        <strong>This panel failed:</strong> {this.state.error.message}
        <button
          type="button"
          onClick={() => {
            this.setState({ error: null });
          }}
        >
          Retry
        </button>
      </div>
    );
  }
}
