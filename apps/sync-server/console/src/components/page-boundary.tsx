import { Component, type ReactNode } from 'react';

/**
 * Keeps one page's failure (an answer of an unexpected shape, a bug) on that page: the navigation and
 * the other pages keep working, and the person sees what went wrong.
 */
export class PageBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <>
          <h1 id="page-title">This page failed</h1>
          <p role="alert" className="error">
            {this.state.error.message}. Reload the page; if it happens again, tell IT what you were doing.
          </p>
        </>
      );
    }
    return this.props.children;
  }
}
