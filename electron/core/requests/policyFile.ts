import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CustodianError } from '../../../shared/errors';
import { DEFAULT_EXEMPTIONS, exemptionLibrarySchema, type Exemption } from '../../../shared/domain/exemptionLibrary';
import { evaluateRelease, policyEvaluateInputSchema } from '../../../shared/domain/releasePolicy';
import { schoolDistrictsSchema, type ReleaseOutcome, type SchoolDistricts } from '../../../shared/domain/releaseTypes';
import { dataPaths } from '../paths';
import { DISTRICTS_SETTING_KEY } from './districts';
import { EXEMPTIONS_SETTING_KEY } from './exemptionCatalogue';

/**
 * `custodian policy evaluate FILE`: the release engine on a JSON file, storing nothing. The
 * data folder, if there is one, is opened read-only for the agency's districts and exemption
 * library; no data folder is created and nothing is written.
 */

export interface PolicyFileResult {
  schoolPersonnel: boolean;
  why: string[];
  proposals: { recording: number; outcome: ReleaseOutcome; reasons: { text: string; cite: string }[] }[];
}

export interface AgencyPolicyData {
  districts: SchoolDistricts;
  library: readonly Exemption[];
  /** Where the settings came from, or null when no data folder was found. */
  source: string | null;
}

export function readAgencyPolicyData(dataDir: string | null): AgencyPolicyData {
  const none: AgencyPolicyData = { districts: { domains: [], names: [] }, library: DEFAULT_EXEMPTIONS, source: null };
  if (dataDir === null) return none;
  const file = dataPaths(dataDir).database;
  if (!fs.existsSync(file)) return none;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const read = (key: string): unknown => {
      const row = db!.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    };
    const districts = schoolDistrictsSchema.partial().safeParse(read(DISTRICTS_SETTING_KEY) ?? {});
    const library = exemptionLibrarySchema.safeParse(read(EXEMPTIONS_SETTING_KEY));
    return {
      districts: { domains: districts.success ? (districts.data.domains ?? []) : [], names: districts.success ? (districts.data.names ?? []) : [] },
      library: library.success ? library.data : DEFAULT_EXEMPTIONS,
      source: file,
    };
  } catch {
    return none;
  } finally {
    db?.close();
  }
}

export function evaluatePolicyFile(filePath: string, agency: AgencyPolicyData): PolicyFileResult {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(filePath), 'utf8');
  } catch (err) {
    throw new CustodianError('BAD_INPUT', `The file cannot be read: ${filePath}`, { cause: err instanceof Error ? err.message : String(err) });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CustodianError('BAD_INPUT', `The file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = policyEvaluateInputSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CustodianError('BAD_INPUT', `The file does not describe a request and its recordings${first ? ` (${first.path.join('.') || 'top level'}: ${first.message})` : ''}.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  const input = parsed.data;
  const districts: SchoolDistricts = {
    domains: [...(input.districts?.domains ?? []), ...agency.districts.domains],
    names: [...(input.districts?.names ?? []), ...agency.districts.names],
  };
  const result = evaluateRelease({ ...input, districts }, agency.library);
  return {
    schoolPersonnel: result.schoolPersonnel,
    why: result.why,
    proposals: result.proposals.map((p) => ({ recording: p.recording, outcome: p.outcome, reasons: p.reasons.map((r) => ({ text: r.text, cite: r.cite })) })),
  };
}
