// The document's title and description follow the view, so that a shared or bookmarked page says what it shows.
import type { Page, View } from '../../core/permalink.ts';

export interface PageMetaInput {
  view: View;
  territoryName: string;
  commune?: { nom: string; code: string };
  /** The commune's effective class, e.g. « zone fragile du zonage départemental 2026 ». */
  zoneText?: string;
}

/** The chargé de mission's space and the footer's pages: their title and description. */
const SITE_PAGES: Array<[Page, string, string]> = [
  ['manage', 'Gestion des données', "Import des données de l'année, relecture des offres reçues et publication, pour le chargé de mission"],
  ['legal', 'Mentions légales', "Éditeur, directeur de la publication, hébergeur et licences de l'Observatoire du zonage santé"],
  ['accessibility', "Déclaration d'accessibilité", "État de conformité au RGAA, ce qui est accessible ou non, contact et voies de recours"],
  ['privacy', 'Données personnelles', 'Praticiens issus des registres publics, contacts des offres, sans cookie ni traceur, vos droits'],
  ['method', 'Méthode et sources', 'Calcul du zonage effectif et de la règle « pharmacie sans médecin », sources des données et leurs dates'],
  ['contact', 'Contact', "Écrire à l'éditeur du site ou au guichet des aides"],
];

export function pageMeta({ view, territoryName, commune, zoneText }: PageMetaInput): { title: string; description: string } {
  const name = `${territoryName} — Observatoire du zonage santé`;
  for (const [key, title, description] of SITE_PAGES) if (view.page === key) return { title: `${title} — ${name}`, description: `${description} — ${territoryName}.` };
  if (view.territory === 'france') {
    if (commune)
      return {
        title: `${commune.nom} (${commune.code}) — zonages ARS — Observatoire du zonage santé`,
        description: `${commune.nom} (${commune.code}) : zonages des agences régionales de santé par profession, population, département et intercommunalité.`,
      };
    return {
      title: 'France entière — zonages ARS — Observatoire du zonage santé',
      description: "Zonage des agences régionales de santé de chaque commune de France, par profession : carte, effectifs par classe et tableau.",
    };
  }
  if (view.page === 'review') return { title: `Relecture des offres — ${name}`, description: `Relecture des offres envoyées par les communes — ${territoryName}.` };
  if (view.page === 'propose')
    return { title: `Proposer une offre — ${name}`, description: `Formulaire des mairies pour proposer une offre aux professionnels de santé — ${territoryName}.` };
  if (view.page === 'offers')
    return {
      title: `Offres des communes — ${name}`,
      description: `Logements, locaux, recrutements et services proposés par les communes aux professionnels de santé — ${territoryName}.`,
    };
  if (view.page === 'dashboard')
    return {
      title: `Suivi des installations et cessations — ${name}`,
      description: `Installations et cessations des professionnels de santé par zone, densité médicale et communes à suivre — ${territoryName}.`,
    };
  if (view.page === 'simulator')
    return {
      title: `Simulateur d'aides — ${name}`,
      description: `Aides à l'installation des professionnels de santé — ${territoryName} : montants, conditions et engagements selon votre situation.`,
    };
  if (commune)
    return {
      title: `${commune.nom} — ${name}`,
      description: `${commune.nom} (${commune.code}) : ${zoneText ?? 'zonage'}, offre de soins et aides à l'installation disponibles.`,
    };
  return { title: name, description: `Zonage des communes, offre de soins et aides à l'installation — ${territoryName}.` };
}

/** Writes the page's title and description into the document. */
export function applyPageMeta(meta: { title: string; description: string }) {
  document.title = meta.title;
  document.querySelector('meta[name="description"]')?.setAttribute('content', meta.description);
}
