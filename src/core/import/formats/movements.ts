// Declared movements: date, type, code_insee, profession, mode [, rpps, nom].
// Kept by the chargé de mission between two extractions. A row repeating an earlier one is rejected,
// naming the first line, so that a movement is never counted twice.
import type { Movement } from '../../movements.ts';
import { normalizeKey } from '../../text.ts';
import { q } from '../report.ts';
import type { TableSpec } from '../table.ts';
import { communeOf, dateField, practitionerFields, type CommuneResolver } from '../fields.ts';

export function movementsSpec(opts: { resolve: CommuneResolver }): TableSpec<Movement> {
  const seen = new Map<string, number>();
  return {
    format: 'projet',
    quoting: true,
    columns: [
      { key: 'date', label: 'date', required: true },
      { key: 'type', label: 'type', required: true },
      { key: 'code_insee', label: 'code_insee', required: true },
      { key: 'profession', label: 'profession', required: true },
      { key: 'mode', label: 'mode', required: true },
      { key: 'rpps', label: 'rpps', required: false },
      { key: 'nom', label: 'nom', required: false },
    ],
    row: (ctx) => {
      const date = dateField(ctx, 'date');
      if (date === undefined) return;
      if (date === null) return ctx.reject('date', 'date vide : la date du mouvement est obligatoire.'), undefined;
      const t = normalizeKey(ctx.get('type'));
      const type = t === 'installation' ? 'installation' : t === 'cessation' ? 'cessation' : undefined;
      if (!type) return ctx.reject('type', `type ${q(ctx.get('type'))} inconnu (attendu : installation ou cessation).`), undefined;
      const commune = communeOf(ctx, opts.resolve);
      if (!commune) return;
      const who = practitionerFields(ctx);
      if (!who) return;
      const { profession, mode, rpps, nom } = who;
      const key = [date, type, commune, profession, mode, rpps, nom].join('|');
      if (seen.has(key)) return ctx.reject('date', `mouvement identique à celui de la ligne ${seen.get(key)} : compté une seule fois.`), undefined;
      seen.set(key, ctx.line);
      return {
        type, date, commune, profession, mode,
        ...(rpps ? { rpps } : {}), ...(nom ? { nom } : {}),
        cause: type === 'installation' ? 'arrivee' : 'depart',
        source: 'declaration',
        line: ctx.line,
      };
    },
  };
}
