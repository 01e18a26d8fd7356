// The CSV a French spreadsheet opens as is: UTF-8 with BOM, semicolons, CRLF. Text a spreadsheet would read as
// a formula (= + - @) is neutralised by Papa's escapeFormulae; numbers stay numbers. One writer for the exports.
import Papa from 'papaparse';

export const spreadsheetCsv = (data: object[]): string => '\uFEFF' + Papa.unparse(data, { delimiter: ';', newline: '\r\n', escapeFormulae: true }) + '\r\n';
