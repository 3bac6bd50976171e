/**
 * Where each record of an XML export is, as messages cite it — and as the planner tells a
 * file's records apart: it keys the people a file creates by their record's `line`, so no two
 * records of a file may share one (reading.ts checks it). A file re-saved on one line (valid
 * XML, what several tools write) has every element on line 1: its pupils were one person to
 * the planner, the last of them getting every class. There, and wherever two elements share
 * a line, the elements are numbered in file order instead, and messages name them by number
 * (« Élève n° 4 : … »).
 */
export function numberIfOnSharedLines<T extends { line: number }>(items: T[], noun: string): (item: T) => string {
  const ownLines = items.every((item, index) => index === 0 || item.line > (items[index - 1] as T).line);
  if (ownLines) return () => '';
  items.forEach((item, index) => (item.line = index + 1));
  return (item) => `${noun} n° ${item.line} : `;
}
