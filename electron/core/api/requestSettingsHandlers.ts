import { CustodianError } from '../../../shared/errors';
import { putSetting } from '../settings/settings';
import { clockInputsChanged, DEADLINE_SETTINGS_KEY, deadlineSettings, ensureHolidayYears, isTimeZone, listHolidays } from '../requests/deadlineClock';
import { DISTRICTS_SETTING_KEY, getDistricts, plausibleDomain, withDistrict, withoutDistrict } from '../requests/districts';
import { EXEMPTIONS_SETTING_KEY, exemptionCatalogue, exemptionLibrary, STATUTORY_GROUNDS } from '../requests/exemptionCatalogue';
import { REAUTHENTICATED } from '../accounts/reauth';
import type { HandlerMap } from './registry';

/** Administrators' settings for the request desk: school districts, holidays, closing time and zone, the exemption library. */
export const requestSettingsHandlers: HandlerMap = {
  'districts.list': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => getDistricts(core) },

  'districts.add': {
    access: ['administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      if (input.domain === undefined && input.name === undefined) throw new CustodianError('BAD_INPUT', 'Give a district e-mail domain or a district name.');
      if (input.domain !== undefined && !plausibleDomain(input.domain)) {
        throw new CustodianError('BAD_INPUT', `"${input.domain}" does not look like an e-mail domain (for example fcps.kyschools.us).`);
      }
      return core.record(actor, () => {
        const old = getDistricts(core);
        const next = withDistrict(old, input);
        putSetting(core.db, DISTRICTS_SETTING_KEY, next);
        return { result: next, events: [{ action: 'settings-changed', objectId: 'settings:districts', details: { setting: 'districts', added: input, old, new: next } }] };
      });
    },
  },

  'districts.remove': {
    access: ['administrator'], reauth: 'removing a school district (it weakens the school-personnel check)', releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      if (input.domain === undefined && input.name === undefined) throw new CustodianError('BAD_INPUT', 'Give the district e-mail domain or name to remove.');
      return core.record(actor, () => {
        const old = getDistricts(core);
        const next = withoutDistrict(old, input);
        if (next.domains.length === old.domains.length && next.names.length === old.names.length) throw new CustodianError('NOT_FOUND', 'That district is not in the list.');
        putSetting(core.db, DISTRICTS_SETTING_KEY, next);
        // Requests already found to be school personnel stay so (the finding is stored with them).
        return { result: next, events: [{ action: 'settings-changed', objectId: 'settings:districts', details: { setting: 'districts', removed: { domain: input.domain, name: input.name }, old, new: next, ...REAUTHENTICATED } }] };
      });
    },
  },

  'holidays.list': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      ensureHolidayYears(core, input.year === undefined ? [] : [input.year]);
      return listHolidays(core, input.year);
    },
  },

  'holidays.add': {
    access: ['administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const year = Number(input.date.slice(0, 4));
      ensureHolidayYears(core, [year]);
      core.record(actor, () => {
        if (core.db.prepare('SELECT 1 FROM holidays WHERE date = ? AND name = ?').get(input.date, input.name)) {
          throw new CustodianError('CONFLICT', `${input.date} "${input.name}" is already in the holiday table.`);
        }
        core.db.prepare("INSERT INTO holidays (date, name, kind, source, added_at, added_by) VALUES (?, ?, ?, 'agency', ?, ?)").run(input.date, input.name, input.kind, core.clock().toISOString(), actor.username);
        return { result: null, events: [{ action: 'holiday-added', objectId: `holiday:${input.date}`, details: { date: input.date, name: input.name, kind: input.kind } }] };
      });
      clockInputsChanged(core);
      return listHolidays(core, year);
    },
  },

  'holidays.remove': {
    access: ['administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const year = Number(input.date.slice(0, 4));
      ensureHolidayYears(core, [year]);
      core.record(actor, () => {
        const rows = (
          input.name
            ? core.db.prepare('SELECT date, name, kind, source FROM holidays WHERE date = ? AND name = ?').all(input.date, input.name)
            : core.db.prepare('SELECT date, name, kind, source FROM holidays WHERE date = ?').all(input.date)
        ) as { date: string; name: string; kind: string; source: string }[];
        if (rows.length === 0) throw new CustodianError('NOT_FOUND', `No holiday on ${input.date}${input.name ? ` named "${input.name}"` : ''}.`);
        const del = core.db.prepare('DELETE FROM holidays WHERE date = ? AND name = ?');
        for (const r of rows) del.run(r.date, r.name);
        return { result: null, events: rows.map((r) => ({ action: 'holiday-removed', objectId: `holiday:${r.date}`, details: r })) };
      });
      clockInputsChanged(core);
      return listHolidays(core, year);
    },
  },

  'exemptions.setLibrary': {
    access: ['administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const clash = input.library.filter((e) => STATUTORY_GROUNDS.some((g) => g.id === e.id)).map((e) => e.id);
      if (clash.length > 0) throw new CustodianError('BAD_INPUT', `These ids are statutory grounds kept by Custodian and cannot be redefined: ${clash.join(', ')}.`);
      const ids = input.library.map((e) => e.id);
      if (new Set(ids).size !== ids.length) throw new CustodianError('BAD_INPUT', 'Each exemption needs its own id.');
      core.record(actor, () => {
        const old = exemptionLibrary(core);
        putSetting(core.db, EXEMPTIONS_SETTING_KEY, input.library);
        return { result: null, events: [{ action: 'settings-changed', objectId: 'settings:exemptions', details: { setting: 'exemptions', old, new: input.library } }] };
      });
      return exemptionCatalogue(core);
    },
  },

  'deadlines.settings.get': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => deadlineSettings(core) },

  'deadlines.settings.set': {
    access: ['administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) throw new CustodianError('BAD_INPUT', `"${input.timeZone}" is not a time zone name (for example America/New_York or America/Chicago).`);
      const next = core.record(actor, () => {
        const old = deadlineSettings(core);
        const changed = { ...old, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
        putSetting(core.db, DEADLINE_SETTINGS_KEY, changed);
        return { result: changed, events: [{ action: 'settings-changed', objectId: 'settings:deadlines', details: { setting: 'deadlines', old, new: changed } }] };
      });
      clockInputsChanged(core);
      return next;
    },
  },
};
