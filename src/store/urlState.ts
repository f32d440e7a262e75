import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';

/**
 * The whole setup lives in the URL hash (`#x=<lz-string>`), so every experiment is a link.
 * Decoding never throws: a broken link gives `{ error }` and the lab keeps its current setup.
 */
export function encodeSetup(config: ExperimentConfig): string {
  return compressToEncodedURIComponent(JSON.stringify(config));
}

export type DecodedSetup = { readonly config: ExperimentConfig } | { readonly error: string };

export function decodeSetup(encoded: string): DecodedSetup {
  // lz-string returns null (despite its typings) or '' for garbage, and throws on some inputs
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(encoded);
  } catch {
    json = null;
  }
  if (json === '' || json === null)
    return { error: 'The link’s experiment is corrupt (it does not decompress).' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { error: 'The link’s experiment is corrupt (not JSON).' };
  }
  try {
    return { config: parseExperiment(raw) };
  } catch (e) {
    return {
      error: `The link’s experiment is invalid: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

export function setupFromHash(hash: string): DecodedSetup | null {
  const m = /(?:^#|&)x=([^&]+)/.exec(hash);
  return m?.[1] === undefined ? null : decodeSetup(m[1]);
}

export function shareUrl(config: ExperimentConfig, base: string): string {
  const url = new URL(base);
  url.hash = `x=${encodeSetup(config)}`;
  return url.toString();
}
