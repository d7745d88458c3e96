/**
 * Values shown in error messages the way Python's `repr` shows them, so that messages read
 * the same in both languages (`inf`, `'cubic'`, `True`, `None`, `10.0`).
 */

/** A value as Python's repr shows it; numbers as ints when integral (frame numbers). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value, false);
  if (typeof value === "string") return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  return String(value);
}

/** A number Python holds as a float (coordinates, confidence): integral values end in ".0". */
export function pyFloat(value: unknown): string {
  return typeof value === "number" ? pyNumber(value, true) : pyRepr(value);
}

function pyNumber(value: number, asFloat: boolean): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  const text = String(value);
  return asFloat && Number.isInteger(value) && !/e/.test(text) ? `${text}.0` : text;
}

/** The JSON name of a value's type, for messages shared with the Python wire reader. */
export function jsonKind(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
    case "object":
      return "object";
    default:
      return typeof value;
  }
}
