// Words the product says about its data wherever it shows them (map, commune page, exports).

/** The label of every fictitious dataset. */
export const EXAMPLE_LABEL = 'Exemple — données fictives';

/** The mark of every map drawn from data previewed in « Gestion » and not yet published. */
export const PREVIEW_LABEL = 'Aperçu — non publié';
