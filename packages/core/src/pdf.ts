/**
 * @unknot/core/pdf — the doctor summary as a one-page PDF. A subpath of its own because it pulls in pdf-lib and
 * fontkit (about a megabyte of JavaScript): `import '@unknot/core'` must stay light for the CLI and the web app,
 * and only the places that write a PDF (the summary route, `unknot report --pdf`) load this.
 */
export { summaryToPdf, pdfLimits, type SummaryPdfOptions } from './report/pdf.ts';
