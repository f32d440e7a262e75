import { z } from 'zod';
import { ARCH_KINDS } from './modelSpec';

/** A ModelSpec as stored in model.json and the zoo manifest (no tf.js here). */
export const modelSpecSchema = z.object({
  arch: z.enum(ARCH_KINDS),
  inputShape: z.tuple([
    z.number().int().positive(),
    z.number().int().positive(),
    z.number().int().positive(),
  ]),
  numClasses: z.number().int().min(2),
  width: z.number().int().positive(),
  depth: z.number().int().positive(),
  featureDim: z.number().int().positive(),
  patch: z.number().int().positive().optional(),
  heads: z.number().int().positive().optional(),
});
