import { z } from 'zod';
import { modelSpecSchema } from './modelSpecSchema';

/** One teacher of the zoo, as listed in `public/models/<dataset>/manifest.json`. */
export const zooEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  spec: modelSpecSchema,
  /** Path of model.json relative to the manifest. */
  path: z.string(),
  parameters: z.number().int().positive(),
  featureDim: z.number().int().positive(),
  testAccuracy: z.number().min(0).max(1),
  trainingSeed: z.number().int(),
  epochs: z.number().int().positive(),
  trainSeconds: z.number().nonnegative(),
  featureStats: z.object({
    /** tr Σ of the pooled features over the training split. */
    trace: z.number().nonnegative(),
    /** E[y²] per dimension (the raw-MSE "loudness" of the teacher). */
    energyPerDim: z.number().nonnegative(),
    topEigenvalues: z.array(z.number().nonnegative()),
    effectiveRank: z.number().nonnegative(),
  }),
});
export type ZooEntry = z.infer<typeof zooEntrySchema>;

export const zooManifestSchema = z.object({
  dataset: z.string(),
  backend: z.string(),
  teachers: z.array(zooEntrySchema).min(1),
});
export type ZooManifest = z.infer<typeof zooManifestSchema>;

export function parseZooManifest(raw: unknown, where: string): ZooManifest {
  const r = zooManifestSchema.safeParse(raw);
  if (!r.success)
    throw new Error(
      `${where} is invalid: ${r.error.issues[0]?.message ?? ''} at ${r.error.issues[0]?.path.join('.') ?? ''}`,
    );
  return r.data;
}
