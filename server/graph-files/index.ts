export { coerceValue, valueOfType } from './attribute-values.ts';
export { type AccountsCsvOptions, readAccountsCsv } from './csv-accounts.ts';
export { type CsvGraphOptions, type EdgeCsvOptions, importCsvGraph, readEdgeCsv } from './csv-edges.ts';
export {
  type CsvReaderOptions,
  detectDelimiter,
  parseQuotedLine,
  readCsvRows,
  scanLines,
} from './csv-reader.ts';
export { accountsCsvChunks, csvField, edgesCsvChunks } from './csv-writer.ts';
export { importGexf, type XmlGraphOptions } from './gexf-reader.ts';
export { escapeXml, gexfChunks } from './gexf-writer.ts';
export { importGraphml } from './graphml-reader.ts';
export { ImportError, type ImportErrorCode } from './import.errors.ts';
export { type GraphFileFormat, type ImportGraphFileOptions, importGraphFile } from './import-graph-file.ts';
export {
  type Attributes,
  type AttributeValue,
  createGraphBuilder,
  type EdgeList,
  edgePairs,
  type GraphBuilder,
  type ImportedAccount,
  type ImportedGraph,
} from './imported-graph.ts';
export { batched, writeTextFile } from './text-sink.ts';
export { type TextSource, textChunks } from './text-source.ts';
