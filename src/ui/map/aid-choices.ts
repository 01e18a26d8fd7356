// The aids that can colour the map (« Couleurs »): financial, with an amount that varies by commune.
// Kept apart from the aid layer so that the map page loads the aid engine only when a layer is chosen.
import type { ResolvedAid } from '../../core/aids.ts';

export const mappableAids = (aids: ResolvedAid[]) =>
  aids.filter((a) => a.kind === 'financiere' && a.amount.type !== 'unspecified' && (a.zone || a.conditions.some((c) => 'field' in c && c.field === 'commune.population')));
