import { useEffect } from 'react';
import { useLabActions } from '../store/hooks';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorList } from './ErrorList';
import { Header } from './Header';
import { LossChart } from './charts/LossChart';

/** The lab shell: header with backend and run controls, then the chart area. */
export function App() {
  const { connect } = useLabActions();
  useEffect(() => {
    connect();
  }, [connect]);
  return (
    <ErrorBoundary>
      <div className="app">
        <Header />
        <ErrorList />
        <main className="charts">
          <ErrorBoundary>
            <LossChart />
          </ErrorBoundary>
        </main>
      </div>
    </ErrorBoundary>
  );
}
