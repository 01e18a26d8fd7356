// The project's practitioner register: code_insee, profession, mode, date_debut, date_fin [, rpps, nom].
import type { Practitioner } from '../../zonage/model.ts';
import type { TableSpec } from '../table.ts';
import { communeOf, dateField, practitionerFields, type CommuneResolver } from '../fields.ts';

export function registerSpec(opts: { resolve: CommuneResolver }): TableSpec<Practitioner> {
  return {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'profession', label: 'profession', required: true },
      { key: 'mode', label: 'mode', required: true },
      { key: 'date_debut', label: 'date_debut', required: true },
      { key: 'date_fin', label: 'date_fin', required: true },
      { key: 'rpps', label: 'rpps', required: false },
      { key: 'nom', label: 'nom', required: false },
    ],
    row: (ctx) => {
      const commune = communeOf(ctx, opts.resolve);
      if (!commune) return;
      const who = practitionerFields(ctx);
      if (!who) return;
      const start = dateField(ctx, 'date_debut');
      const end = dateField(ctx, 'date_fin');
      if (start === undefined || end === undefined) return;
      if (start && end && end < start) return ctx.reject('date_fin', `fin d'exercice (${end}) antérieure au début (${start}).`), undefined;
      const { profession, mode, rpps, nom } = who;
      return { commune, profession, mode, start, end, ...(rpps ? { rpps } : {}), ...(nom ? { nom } : {}) };
    },
  };
}
