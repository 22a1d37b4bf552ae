/** A right-aligned (numeric) column heading for `TableHead`. */
export const num = (label: string) => ({ label, num: true });

/** A table's heading row; figures' columns (`num(label)`) are right-aligned like their cells. */
export function TableHead({ columns }: { columns: Array<string | { label: string; num: boolean }> }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === "string" ? (
            <th key={i}>{c}</th>
          ) : (
            <th key={i} className="num">
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
