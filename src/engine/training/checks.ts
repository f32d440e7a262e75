import type { ExperimentConfig } from '../experiment/schema';
import type { TeacherCache } from '../teacherCache';

/** Logit distillation needs a chosen teacher with class logits for this dataset's classes. */
export function checkLogitTeachers(cfg: ExperimentConfig, cache: TeacherCache): void {
  if (cfg.logits.method === 'none') return;
  const withLogits = cfg.teachers.flatMap((t) => {
    const c = cache.teachers.get(t.id);
    return c?.trainLogits ? [{ id: t.id, cached: c }] : [];
  });
  const chosen =
    cfg.logits.teacher === 'mean'
      ? withLogits
      : withLogits.filter((s) => s.id === cfg.logits.teacher);
  if (chosen.length === 0)
    throw new Error(
      `logit distillation needs a teacher with class logits (${cfg.logits.teacher === 'mean' ? 'none of the teachers has them' : `${cfg.logits.teacher} has none`})`,
    );
  for (const s of chosen) {
    if (s.cached.trainLogits?.shape[1] !== cache.dataset.classNames.length)
      throw new Error(
        `teacher ${s.id} predicts ${s.cached.trainLogits?.shape[1] ?? 0} classes, the dataset has ${cache.dataset.classNames.length}`,
      );
  }
}
