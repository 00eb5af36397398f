import fs from 'node:fs';
import path from 'node:path';

/**
 * The detectors' weights ship inside their npm packages (node_modules/@vladmandic/human/models);
 * nothing is fetched at run time. Node's fetch refuses file:// URLs, so tfjs is given a load
 * router that reads a graph model's JSON and its weight shards from disk.
 */

export const MODEL_SCHEME = 'file://';

/**
 * The folder of a package inside node_modules, searched the way Node searches. (Not through
 * require.resolve: @vladmandic/human's "exports" map has no "./" keys, so none of its files but
 * the tfjs-node build can be resolved by name.)
 */
export function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`The package ${name} is not installed.`);
}

/** @vladmandic/human's build for the tfjs WASM backend (never its default build, which needs tfjs-node). */
export function humanWasmBuild(): string {
  return path.join(packageDir('@vladmandic/human'), 'dist', 'human.node-wasm.js');
}

export function humanModelDir(): string {
  return path.join(packageDir('@vladmandic/human'), 'models');
}

export function wasmDir(): string {
  return path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + path.sep;
}

export function packageVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

interface WeightGroup {
  paths: string[];
  weights: unknown[];
}

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: unknown;
  modelInitializer?: unknown;
  weightsManifest: WeightGroup[];
}

/** What tfjs's GraphModel.load needs (tf.io.ModelArtifacts), read from a model.json and its shards. */
export function readModelArtifacts(jsonFile: string): Record<string, unknown> {
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as ModelJson;
  const specs: unknown[] = [];
  const shards: Buffer[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      const shard = path.resolve(path.dirname(jsonFile), p);
      if (path.dirname(shard) !== path.dirname(jsonFile)) throw new Error(`The model ${jsonFile} names a weight file outside its folder.`);
      shards.push(fs.readFileSync(shard));
    }
  }
  const all = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    modelInitializer: json.modelInitializer,
    weightSpecs: specs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
}

type LoadRouter = (url: string | unknown) => { load(): Promise<unknown> } | null;

/** A tfjs load router for file:// model URLs (register with tf.io.registerLoadRouter). */
export const diskModelRouter: LoadRouter = (url) => {
  if (typeof url !== 'string' || !url.startsWith(MODEL_SCHEME)) return null;
  const file = url.slice(MODEL_SCHEME.length);
  return { load: async () => readModelArtifacts(file) };
};
