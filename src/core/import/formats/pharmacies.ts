// The project's pharmacy file: code_insee [, finess, nom, date_ouverture, date_fermeture].
import type { Pharmacy } from '../../zonage/model.ts';
import { q } from '../report.ts';
import type { TableSpec } from '../table.ts';
import { FINESS_NUMBER, communeOf, dateField, type CommuneResolver } from '../fields.ts';

export function pharmacySpec(opts: { resolve: CommuneResolver }): TableSpec<Pharmacy> {
  const seen = new Map<string, number>();
  return {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'finess', label: 'finess', required: false },
      { key: 'nom', label: 'nom', required: false },
      { key: 'date_ouverture', label: 'date_ouverture', required: false },
      { key: 'date_fermeture', label: 'date_fermeture', required: false },
    ],
    row: (ctx) => {
      const commune = communeOf(ctx, opts.resolve);
      if (!commune) return;
      const opened = dateField(ctx, 'date_ouverture');
      const closed = dateField(ctx, 'date_fermeture');
      if (opened === undefined || closed === undefined) return;
      const finess = ctx.get('finess');
      if (finess && !FINESS_NUMBER.test(finess)) return ctx.reject('finess', `numéro FINESS ${q(finess)} invalide (9 caractères).`), undefined;
      if (finess && seen.has(finess)) return ctx.reject('finess', `pharmacie ${finess} déjà lue ligne ${seen.get(finess)}.`), undefined;
      if (finess) seen.set(finess, ctx.line);
      return { commune, opened, closed, ...(finess ? { finess } : {}), ...(ctx.get('nom') ? { nom: ctx.get('nom') } : {}) };
    },
  };
}
