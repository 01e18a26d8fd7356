import { describe, expect, it } from 'vitest';
import { deriveProfile, parseProfile, profileFromParams, profileToParams, semesterAt, type Profile } from '../../src/core/aids/profile.ts';
import { addMonths, isIsoDate, parisToday, periodEnd } from '../../src/core/dates.ts';

describe('profil du simulateur (fichier JSON ou URL)', () => {
  it('garde les champs valides, nomme chaque problème en français', () => {
    const { profile, problems } = parseProfile({ beneficiary: 'medecin', age: 61, daysPerWeek: 9, status: 'chef', eventDate: '2026-02-30', pdsa: 'oui', couleur: 'bleu' });
    expect(profile).toEqual({ beneficiary: 'medecin', age: 61, pdsa: true });
    expect(problems).toEqual([
      '« daysPerWeek » (jours d\'exercice par semaine) : doit être compris entre 0 et 7.',
      '« status » (statut) : valeur « chef » inconnue ; valeurs possibles : titulaire, collaborateur, associe, assistant, adjoint, remplacant.',
      "« eventDate » (date de l'événement (début d'exercice, de stage ou de travaux)) : date AAAA-MM-JJ attendue, « 2026-02-30 » lu.",
      expect.stringContaining('champ « couleur » inconnu'),
    ]);
  });

  it("aller-retour par l'URL : le même profil", () => {
    const p = { beneficiary: 'interne' as const, internshipYear: 2, distanceKm: 1234.5, firstInstallation: false, otherAids: ['cd17-fiche-07'], requestDate: '2026-01-31' };
    const params = profileToParams(p);
    expect(params.toString()).toBe('beneficiary=interne&firstInstallation=false&requestDate=2026-01-31&internshipYear=2&distanceKm=1234.5&otherAids=cd17-fiche-07');
    expect(profileFromParams(params)).toEqual({ profile: p, problems: [] });
  });

  it('un profil qui n\'est pas un objet est refusé', () => {
    expect(parseProfile([1, 2]).problems[0]).toContain('le profil doit être un objet JSON');
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-02', 3, '2026-06-02'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2027-12-31', 2, '2028-02-29'],
  ])('%s + %i mois = %s', (d, m, out) => expect(addMonths(d, m)).toBe(out));
  it('fin de période et dates réelles', () => {
    expect(periodEnd('2026-03-01', 60)).toBe('2031-02-28');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-45')).toBe(false); // an invalid Date must not throw
    expect(parseProfile({ eventDate: '2026-13-45' }).problems).toEqual([expect.stringContaining('« 2026-13-45 » lu')]);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});

describe('faits déduits du profil', () => {
  // « La bourse sera rétroactive au premier jour du semestre en cours » ; les semestres commencent en novembre et en mai.
  it.each([
    ['2025-11-03', '2025-11-03', 1],
    ['2025-11-03', '2026-05-02', 1],
    ['2025-11-03', '2026-05-03', 2],
    ['2024-11-02', '2026-06-15', 4],
    ['2024-11-02', '2027-11-02', 7],
    ['2025-11-03', '2025-10-01', undefined],
  ])('internat commencé le %s, dossier du %s : semestre %s', (start, date, semester) => expect(semesterAt(start, date)).toBe(semester));

  it.each([
    ['semestre → année', { internshipSemester: 4 }, { internshipSemester: 4, internshipYear: 2 }],
    ['date de début → semestre et année', { internshipStartDate: '2024-11-02' }, { internshipStartDate: '2024-11-02', internshipSemester: 4, internshipYear: 2 }],
    ['semestre de docteur junior → 4e année', { internshipSemester: 8 }, { internshipSemester: 8, internshipYear: 4 }],
    ['l\'année donnée est gardée', { internshipYear: 3, internshipSemester: 1 }, { internshipYear: 3, internshipSemester: 1 }],
    ['un IPA est diplômé (fiche 13 : « pendant la durée de leur formation »)', { beneficiary: 'ipa' }, { beneficiary: 'ipa', ipaTraining: 'diplome' }],
    ['un infirmier : rien à déduire', { beneficiary: 'infirmier' }, { beneficiary: 'infirmier' }],
  ] as Array<[string, Profile, Profile]>)('%s', (_w, p, out) => expect(deriveProfile(p, '2026-06-15')).toEqual(out));

  it('les nouveaux champs passent par l\'URL et sont vérifiés', () => {
    const p: Profile = { ipaTraining: 'en-cours', inNonPriorityZone: true, pluriprofessional: false, internshipSemester: 3, internshipStartDate: '2025-05-04', housingCost: 120000 };
    expect(profileFromParams(profileToParams(p))).toEqual({ profile: p, problems: [] });
    expect(parseProfile({ ipaTraining: 'peut-être', internshipSemester: 9 }).problems).toEqual([
      '« ipaTraining » (formation en pratique avancée (IPA)) : valeur « peut-être » inconnue ; valeurs possibles : a-venir, en-cours, diplome, non.',
      "« internshipSemester » (semestre d'internat en cours) : doit être compris entre 1 et 8.",
    ]);
  });
});

describe("« aujourd'hui » est le jour à Paris", () => {
  it.each([
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    ['2025-12-31T23:30:00Z', '2026-01-01'],
    // 22:30 UTC on 14 July is 00:30 on 15 July in Paris (UTC+2 in summer).
    ['2026-07-14T22:30:00Z', '2026-07-15'],
    ['2026-07-14T21:30:00Z', '2026-07-14'],
    ['2026-03-29T00:30:00Z', '2026-03-29'],
    // Around the changes of time: summer time until 01:00 UTC on the last Sunday of October, winter time after.
    ['2026-10-24T22:30:00Z', '2026-10-25'],
    ['2026-10-25T22:30:00Z', '2026-10-25'],
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-03-29T22:30:00Z', '2026-03-30'],
  ])('%s → %s', (instant, day) => expect(parisToday(new Date(instant))).toBe(day));
});
