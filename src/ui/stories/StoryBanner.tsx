import { useBackend, useJob, useLabActions, useStoryProgress } from '../../store/hooks';
import { storyFor } from '../../store/stories';
import { presetTitle } from '../../store/vocabulary';
import { StoryClaimTable } from './StoryClaimTable';

/**
 * The guided story of the current preset: the question, "do X, watch Y", what you should see,
 * and a button that performs the next step; it ends on the comparison that shows the claim.
 */
export function StoryBanner() {
  const progress = useStoryProgress();
  const job = useJob();
  const { info } = useBackend();
  const { storyNext, storyRestart, storyClose } = useLabActions();
  const story = progress === null ? null : storyFor(progress.preset);
  if (progress === null || story === null) return null;
  const k = progress.step;
  const n = story.steps.length;
  const done = story.steps[k - 1];
  const next = story.steps[k];
  const busy =
    job !== null &&
    (job.status === 'loading' || job.status === 'running' || job.status === 'paused');
  return (
    <section className="story" aria-label="Story" data-testid="story-banner" data-step={k}>
      <header className="story-head">
        <h2>{presetTitle(story.preset)}</h2>
        <span className="story-count">{k < n ? `step ${k + 1} of ${n}` : 'the claim'}</span>
        <button type="button" className="link" onClick={storyRestart}>
          Restart
        </button>
        <button type="button" className="link" aria-label="Close the story" onClick={storyClose}>
          ×
        </button>
      </header>
      <p className="story-question">{story.question}</p>
      <div className="story-steps">
        {done !== undefined && (
          <div className="story-now">
            <p>
              <strong>Watch</strong> {done.watch}.
            </p>
            <p>
              <strong>You should see:</strong> {done.expect}
            </p>
          </div>
        )}
        {next !== undefined && (
          <div className="story-next">
            <p>{next.doText}</p>
            <button
              type="button"
              className="primary"
              onClick={storyNext}
              disabled={info === null}
              title={busy ? 'Stops the current run and performs this step' : undefined}
            >
              {k === 0 ? '' : 'Next: '}
              {next.button}
            </button>
          </div>
        )}
      </div>
      {next === undefined && <StoryClaimTable claim={story.claim} />}
    </section>
  );
}
