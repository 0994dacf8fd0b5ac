import { element, payloadText } from './dom';

/** A two-column table of name/value pairs in the order given (headers, query or form fields). */
export function renderPairsTable(pairs: ReadonlyArray<readonly [string, string]>, columns: [string, string], emptyText: string, className: string): HTMLElement {
  if (pairs.length === 0) return element('p', `empty-note ${className}`, emptyText);
  const table = element('table', `pairs ${className}`);
  const head = element('thead');
  const headRow = element('tr');
  headRow.append(element('th', 'pair-name', columns[0]), element('th', 'pair-value', columns[1]));
  head.append(headRow);
  const body = element('tbody');
  for (const [name, value] of pairs) {
    const row = element('tr');
    row.append(payloadText('td', 'pair-name', name), payloadText('td', 'pair-value', value));
    body.append(row);
  }
  table.append(head, body);
  return table;
}
