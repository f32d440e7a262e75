import type { PublicFileReader } from '../data/loadDataset';
import { predictAll } from '../models/evaluate';
import { loadZooManifest, readZooTeacher } from '../models/loadTeacher';
import type { Network } from '../models/network';
import type { ZooEntry } from '../models/zoo';
import { fingerprintOf } from './outputStore';
import type { TeacherSource } from './teacherCache';

export interface ZooSources {
  readonly entries: ReadonlyMap<string, ZooEntry>;
  readonly sources: ReadonlyMap<string, TeacherSource>;
  /** Frees the networks that were built (only teachers whose outputs had to be computed). */
  readonly dispose: () => void;
}

/**
 * Zoo teachers as sources for the teacher cache. Their files are read and fingerprinted (SHA-256
 * of model.json and the weights); a network is built only when its outputs are not stored.
 */
export async function zooSources(
  dataset: string,
  ids: readonly string[],
  read: PublicFileReader,
  status: (m: string) => void,
): Promise<ZooSources> {
  const entries = new Map<string, ZooEntry>();
  const sources = new Map<string, TeacherSource>();
  const built: Network[] = [];
  if (ids.length === 0) return { entries, sources, dispose: () => undefined };
  if (dataset !== 'mnist' && dataset !== 'fashion-mnist')
    throw new Error(`no teacher zoo for ${dataset}: use mnist or fashion-mnist`);
  const manifest = await loadZooManifest(dataset, read);
  for (const id of ids) {
    const entry = manifest.teachers.find((t) => t.id === id);
    if (!entry)
      throw new Error(
        `teacher "${id}" is not in the ${dataset} zoo (${manifest.teachers.map((t) => t.id).join(', ')})`,
      );
    status(`loading teacher ${id}`);
    entries.set(id, entry);
    const files = await readZooTeacher(dataset, entry, read);
    let net: Network | null = null;
    sources.set(id, {
      featureDim: files.spec.featureDim,
      numClasses: files.spec.numClasses,
      fingerprint: await fingerprintOf(['zoo', files.modelJsonBytes, files.weightsBytes]),
      predictAll: (split) => {
        if (net === null) {
          net = files.build();
          built.push(net);
        }
        return predictAll(net, split);
      },
    });
  }
  return {
    entries,
    sources,
    dispose: () => {
      for (const n of built.splice(0)) n.dispose();
    },
  };
}
