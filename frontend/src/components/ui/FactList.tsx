/** Label/value pairs as a description list. */
import Box from "@mui/material/Box";

export function FactList({ label, facts }: { label: string; facts: readonly (readonly [string, string])[] }) {
  return (
    <Box component="dl" aria-label={label}
      sx={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 2, rowGap: 0.5, m: 0,
        "& dt": { color: "text.secondary" }, "& dd": { m: 0, overflowWrap: "anywhere" } }}>
      {facts.map(([term, value]) => (
        <Box key={term} sx={{ display: "contents" }}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Box>
      ))}
    </Box>
  );
}
