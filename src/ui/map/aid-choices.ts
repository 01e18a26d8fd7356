// The aids that can colour the map (« Couleurs »): financial, with an amount that varies by commune today.
// An aid whose zone is judged at a future installation (fiche 7's bourse, the Mauges study allowances) says
// nothing about a commune today, so it is left out. Kept apart from the aid layer so that the map page
// loads the aid engine only when a layer is chosen.
import type { ResolvedAid } from '../../core/aids/model.ts';

export const mappableAids = (aids: ResolvedAid[]) =>
  aids.filter(
    (a) =>
      a.kind === 'financiere' &&
      a.amount.type !== 'unspecified' &&
      a.zoneDate?.rule !== 'installation' &&
      (a.zone || a.conditions.some((c) => 'field' in c && c.field === 'commune.population')),
  );
