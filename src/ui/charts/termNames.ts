import type { RunState } from '../../store/runState';
import { TERM_COLORS, teacherColor } from './colors';

/** A loss term's name for people ("CNN features", "KD", "labels (CE)"), never its id. */
export function termName(id: string, run: Pick<RunState, 'teachers'> | undefined): string {
  const [kind, rest = ''] = id.split(':');
  const teacher = run?.teachers.find((t) => t.id === rest)?.name.split(' (')[0] ?? rest;
  switch (kind) {
    case 'feature':
      return `${teacher} features`;
    case 'avatar':
      return `${teacher} avatars`;
    case 'logit':
      return rest === 'kd' ? 'KD' : rest === 'ls-kd' ? 'LS-KD' : rest === 'ofa' ? 'OFA (final logits)' : rest;
    case 'ofa':
      return `OFA ${rest.replace('branch', 'stage ')}`;
    case 'ce':
      return 'labels (CE)';
    case 'dfl':
      return 'DFL snapshots';
    default:
      return id;
  }
}

/** A term's colour: its teacher's colour for feature/avatar terms, a fixed colour per kind otherwise. */
export function termColor(id: string, run: Pick<RunState, 'teachers'> | undefined): string {
  const [kind, rest = ''] = id.split(':');
  const k = run?.teachers.findIndex((t) => t.id === rest) ?? -1;
  if ((kind === 'feature' || kind === 'avatar') && k >= 0) return teacherColor(k);
  if (kind === 'logit') return TERM_COLORS.logit;
  if (kind === 'ofa') return TERM_COLORS.ofa;
  if (kind === 'dfl') return TERM_COLORS.dfl;
  return TERM_COLORS.ce;
}
