import { useEffect, useState } from 'react';
import { useJob } from '../store/hooks';
import { progressFraction } from './progressFraction';

/** A progress bar for every wait over a second (loading data, caching teachers, statistics). */
export function RunProgress() {
  const job = useJob();
  const waitKey = job?.status === 'loading' ? job.id : null;
  // the wait (job id) that has lasted over a second
  const [longWait, setLongWait] = useState<string | null>(null);
  useEffect(() => {
    if (waitKey === null) return;
    const t = setTimeout(() => {
      setLongWait(waitKey);
    }, 1000);
    return () => {
      clearTimeout(t);
    };
  }, [waitKey]);
  if (job === null || waitKey === null || longWait !== waitKey) return null;
  const f = progressFraction(job.message);
  return (
    <div className="run-progress" data-testid="run-progress">
      <progress
        aria-label={`Waiting: ${job.message}`}
        max={1}
        {...(f === null ? {} : { value: f })}
      />
      <span>{job.message}</span>
    </div>
  );
}
