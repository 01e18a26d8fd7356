// The project's zonage file: code_insee, zone [, profession]. Every commune of the territory is expected
// once; a commune left out is named in a warning, never classed by default.
import type { Commune } from '../../communes.ts';
import { count, plural, someOf } from '../../format.ts';
import { PROFESSIONS } from '../../professions.ts';
import { normalizeKey } from '../../text.ts';
import type { ZonageScheme } from '../../zonage/model.ts';
import { q, type ImportReport } from '../report.ts';
import type { TableSpec } from '../table.ts';
import { communeOf, professionOf, type CommuneResolver } from '../fields.ts';

export interface ZonageRow {
  code: string;
  zone: string;
  profession: string;
}

export type ZonageReport = ImportReport<ZonageRow> & { missing: string[] };
export type ZonageOptions = { resolve: CommuneResolver; schemes: ZonageScheme[]; profession: string; communes: Commune[] };

/** The project's zonage CSV; `file` names the file in the completeness warning. */
export function zonageSpec(file: string, opts: ZonageOptions): TableSpec<ZonageRow> {
  const seen = new Map<string, { line: number; zone: string }>();
  return {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'zone', label: 'zone', required: true },
      { key: 'profession', label: 'profession', required: false },
    ],
    row: (ctx) => {
      const code = communeOf(ctx, opts.resolve);
      if (!code) return;
      let profession = opts.profession;
      if (ctx.get('profession')) {
        const p = professionOf(ctx.get('profession'));
        if (!p) return ctx.reject('profession', `profession ${q(ctx.get('profession'))} inconnue (attendu : ${PROFESSIONS.map((x) => x.id).join(', ')}).`), undefined;
        profession = p;
      }
      const scheme = opts.schemes.find((s) => s.professions.includes(profession));
      if (!scheme) return ctx.reject('profession', `aucun zonage pour la profession « ${profession} » dans ce territoire.`), undefined;
      const z = normalizeKey(ctx.get('zone'));
      const cls = scheme.classes.find((c) => normalizeKey(c.id) === z || normalizeKey(c.label) === z);
      if (!cls) {
        return ctx.reject('zone', `classe ${q(ctx.get('zone'))} inconnue ; classes admises : ${scheme.classes.map((c) => `${c.id} (${c.label})`).join(', ')}.`), undefined;
      }
      const key = `${profession}/${code}`;
      const before = seen.get(key);
      if (before && before.zone !== cls.id) {
        return ctx.reject('zone', `la commune ${code} est déjà classée « ${before.zone} » ligne ${before.line} : classement contradictoire « ${cls.id} » rejeté.`), undefined;
      }
      if (before) return ctx.reject('code_insee', `doublon de la ligne ${before.line} (même classement), ignoré.`), undefined;
      seen.set(key, { line: ctx.line, zone: cls.id });
      return { code, zone: cls.id, profession };
    },
    finish: (report) => {
      const missing = missingCommunes(report, opts);
      (report as ZonageReport).missing = missing;
      if (missing.length) {
        const names = opts.communes.filter((c) => missing.includes(c.code)).slice(0, 10).map((c) => `${c.code} ${c.nom}`);
        report.warningCount++;
        report.warnings.push({
          message: `${file} : zonage incomplet, ${count(missing.length, 'commune', 'communes')} du territoire sans classement : ${someOf(names, missing.length)}. ${plural(missing.length, "Elle n'est pas classée", 'Elles ne sont pas classées')} par défaut.`,
        });
      }
    },
  };
}

function missingCommunes(report: ImportReport<ZonageRow>, opts: ZonageOptions): string[] {
  const classified = new Set(report.rows.filter((r) => r.profession === opts.profession).map((r) => r.code));
  return opts.communes.filter((c) => !classified.has(c.code)).map((c) => c.code);
}
