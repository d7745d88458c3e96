/** A labelled native select (keyboard and screen-reader friendly, and plain for tests). */
import TextField from "@mui/material/TextField";

export interface Option { value: string; label: string }

export function SelectField(props: {
  label: string; value: string; options: readonly Option[]; onChange: (value: string) => void;
  empty?: string; disabled?: boolean; size?: "small" | "medium"; minWidth?: number;
}) {
  const { label, value, options, onChange, empty, disabled, size = "small", minWidth = 180 } = props;
  return (
    <TextField select label={label} value={value} size={size} disabled={disabled} sx={{ minWidth }}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
    </TextField>
  );
}
