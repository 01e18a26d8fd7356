// Words the product says about its data wherever it shows them (map, commune page, exports).

/** The label of every fictitious dataset. */
export const EXAMPLE_LABEL = 'Exemple — données fictives';
