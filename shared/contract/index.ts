import type { z } from 'zod';
import { systemMethods, type SystemOutputs } from './system';
import { libraryMethods, type LibraryOutputs } from './library';
import { custodyMethods, type CustodyOutputs } from './custody';
import { requestMethods, type RequestOutputs } from './requests';
import { redactionMethods, type RedactionOutputs } from './redaction';
import { studioMethods, type StudioOutputs } from './studio';
import { exportMethods, type ExportOutputs } from './export';
import { retentionMethods, type RetentionOutputs } from './retention';
import { detectionMethods, type DetectionOutputs } from './detection';
import type { ErrorData, Result } from '../errors';
import { joinMethods } from './lazyMethods';

/**
 * The one typed contract for every call from a face (renderer, CLI) to the core.
 * Each feature keeps its methods in its own file; a name defined twice throws when this loads.
 * The maps are joined without building their schemas: each is built on its first call (lazyMethods.ts).
 */
export const contract = joinMethods(systemMethods, libraryMethods, custodyMethods, requestMethods, studioMethods, redactionMethods, exportMethods, retentionMethods, detectionMethods);

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]>;
export type ParsedInput<M extends Method> = z.output<Contract[M]>;
export type Outputs = SystemOutputs & LibraryOutputs & CustodyOutputs & RequestOutputs & StudioOutputs & RedactionOutputs & ExportOutputs & RetentionOutputs & DetectionOutputs;
export type Output<M extends Method> = M extends keyof Outputs ? Outputs[M] : never;

/** What travels over IPC or loopback HTTP. */
export interface Envelope {
  method: string;
  input: unknown;
  session?: string;
}

export type CallResult<M extends Method> = Result<Output<M>>;
export type { ErrorData };

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './system';
export * from './library';
export * from './custody';
export * from './requests';
export * from './redaction';
export * from './studio';
export * from './export';
export * from './retention';
export * from './detection';
